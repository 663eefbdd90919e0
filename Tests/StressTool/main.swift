// Placeholder: the stress tool is written next.
print("tenet-stress")
