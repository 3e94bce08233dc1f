extension Digest {
    public func markdown() -> String { "" }
}
