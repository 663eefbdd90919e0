/// Bootstrap confidence intervals, seeded so that the same results always give the same
/// interval: 1,000 resamples with replacement (``SeededRandom``, started at the run's
/// seed), and the 95 % percentile interval: `sorted[⌊0.025·B⌋]` to `sorted[⌈0.975·B⌉ − 1]`
/// of the B sorted resampled means (from 0: the 26th and the 975th of 1,000).
public enum Bootstrap {
    public static let resamples = 1000
    public static let confidence = 0.95

    /// A mean and its interval. Over no items (`count` 0) there is no mean: the fields are
    /// 0 in Swift, `null` in JSON, and ``EvalFigures`` shows `not scored`.
    public struct Interval: Codable, Sendable, Equatable {
        public var mean: Double
        public var low: Double
        public var high: Double
        public var count: Int

        public init(mean: Double, low: Double, high: Double, count: Int) {
            self.mean = mean
            self.low = low
            self.high = high
            self.count = count
        }

        /// The mean, or `nil` over no items.
        public var definedMean: Double? { count > 0 ? mean : nil }

        private enum CodingKeys: String, CodingKey { case mean, low, high, count }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            count = try container.decode(Int.self, forKey: .count)
            mean = try container.decodeIfPresent(Double.self, forKey: .mean) ?? 0
            low = try container.decodeIfPresent(Double.self, forKey: .low) ?? 0
            high = try container.decodeIfPresent(Double.self, forKey: .high) ?? 0
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(count, forKey: .count)
            let defined = count > 0
            try container.encode(defined ? mean : nil, forKey: .mean)
            try container.encode(defined ? low : nil, forKey: .low)
            try container.encode(defined ? high : nil, forKey: .high)
        }
    }

    /// The means of several measures over the same items, each with its interval, from one
    /// set of resamples (each resample draws item indices once for every measure).
    /// `columns[m][i]` is measure m of item i.
    public static func intervals(_ columns: [[Double]], seed: UInt64) -> [Interval] {
        let n = columns.first?.count ?? 0
        guard n > 0 else { return columns.map { _ in Interval(mean: 0, low: 0, high: 0, count: 0) } }
        var random = SeededRandom(seed: seed)
        var means = Array(repeating: [Double](), count: columns.count)
        for m in means.indices { means[m].reserveCapacity(resamples) }
        var sums = Array(repeating: 0.0, count: columns.count)
        for _ in 0..<resamples {
            for m in sums.indices { sums[m] = 0 }
            for _ in 0..<n {
                let i = random.int(in: 0...(n - 1))
                for m in columns.indices { sums[m] += columns[m][i] }
            }
            for m in columns.indices { means[m].append(sums[m] / Double(n)) }
        }
        return columns.indices.map { m in
            let sorted = means[m].sorted()
            let lowIndex = Int((Double(resamples) * (1 - confidence) / 2).rounded(.down))
            let highIndex = Int((Double(resamples) * (1 + confidence) / 2).rounded(.up)) - 1
            return Interval(mean: columns[m].reduce(0, +) / Double(n), low: sorted[lowIndex], high: sorted[min(highIndex, resamples - 1)], count: n)
        }
    }
}
