extension Digest {
    public func html() -> String { "" }
}
