extension WorkbenchState {
    /// What a verdict key decides now: the pair on the review screen, or the document on
    /// the document review (`nil` on any other layer). When it changes, the shell drops the
    /// keys typed before the new one was drawn (``Terminal/discardTypeahead()``): "a a a a a"
    /// typed at once accepted five pairs, four of them never seen.
    /// An overlay over the screen (a flag prompt, the edit question) does not change it:
    /// Esc and `a` in one write close the prompt, then decide the same pair.
    public var decisionSubject: String? {
        switch layers.last(where: { !$0.isOverlay }) {
        case .review: return review?.current?.stored.id
        case .documents(let view): return view.current.map { "document:" + $0.id }
        default: return nil
        }
    }
}
