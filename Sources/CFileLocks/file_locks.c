#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "file_locks.h"

static int set_lock(int fd, short type) {
    struct flock lock;
    memset(&lock, 0, sizeof lock);
    lock.l_type = type;
    lock.l_whence = SEEK_SET;
    lock.l_start = 0;
    lock.l_len = 1;
    return fcntl(fd, F_OFD_SETLK, &lock);
}

int tenet_file_lock(int fd, int exclusive) {
    return set_lock(fd, exclusive ? F_WRLCK : F_RDLCK);
}

int tenet_file_unlock(int fd) {
    return set_lock(fd, F_UNLCK);
}
