import Foundation
import Testing
@testable import Khabar

@Suite("Relation model and trainer")
struct RelationModelTests {
    @Test func shippedModelIsTrained() {
        let model = RelationModel.shipped
        #expect(model.lexicalWeights.count > 100, "the shipped model looks untrained")
        #expect(model.denseWeights.contains { $0 != 0 })
        #expect(model.sameThreshold > 0 && model.sameThreshold < 1)
        #expect(model.differentBelowSimilarity > 0 && model.differentBelowSimilarity < 1)
        #expect(model.notes.contains { $0.contains("cross-validation") })
        #expect(model.untrainedFeatures.isEmpty, "retrain: khabar-bench train-relation (features added since)")
    }

    @Test func textFormRoundTrips() throws {
        let model = RelationModel.shipped
        let copy = try RelationModel(parsing: model.serialized)
        #expect(copy.bias == model.bias)
        #expect(copy.sameThreshold == model.sameThreshold)
        #expect(copy.denseWeights == model.denseWeights)
        #expect(copy.lexicalWeights == model.lexicalWeights)
        #expect(copy.serialized == model.serialized)
    }

    @Test func badModelTextIsRejected() {
        #expect(throws: RelationModel.FormatError.self) { try RelationModel(parsing: "parameter\tbias\tx\n") }
        #expect(throws: RelationModel.FormatError.self) { try RelationModel(parsing: "dense\tno_such_feature\t1\n") }
        #expect(throws: RelationModel.FormatError.self) { try RelationModel(parsing: "parameter\tbias\t0\n") }
        let stale = try? RelationModel(parsing: "parameter\tbias\t0\nparameter\tsame_threshold\t0.5\n"
            + "parameter\tdifferent_below_similarity\t0.2\ndense\tsimilarity\t1\n")
        #expect(stale?.untrainedFeatures.count == PairFeatures.denseNames.count - 1)
    }

    @Test func lbfgsFindsTheMinimum() {
        // (x − 3)² + 10 (y + 1)²
        let solution = LBFGS.minimise({ w in
            ((w[0] - 3) * (w[0] - 3) + 10 * (w[1] + 1) * (w[1] + 1), [2 * (w[0] - 3), 20 * (w[1] + 1)])
        }, start: [0, 0])
        #expect(abs(solution[0] - 3) < 1e-4 && abs(solution[1] + 1) < 1e-4)
    }

    @Test func trainerLearnsThatNegationFlips() {
        // A toy training set: copies and reorderings agree, a negation disagrees.
        let subjects = ["الحكومة", "البرلمان", "الوزير", "الرئيس", "المجلس", "الجيش", "الشركة", "البنك"]
        let actions = ["توافق على الخطة الجديدة", "تدعم الاتفاق التجاري", "تعلن الموازنة العامة", "تفتتح المصنع الكبير"]
        var pairs: [StancePair] = []
        for subject in subjects {
            for action in actions {
                pairs.append(StancePair(a: "\(subject) \(action)", b: "\(action) \(subject)", stance: .agree))
                pairs.append(StancePair(a: "\(subject) \(action)", b: "\(subject) لا \(action)", stance: .disagree))
            }
        }
        pairs.append(StancePair(a: "تراجع التضخم في مصر", b: "فوز المنتخب في المباراة", stance: .other))
        var trainer = RelationTrainer()
        trainer.maxFalseSame = 0.1
        let (model, report) = trainer.train(pairs)
        #expect(model.denseWeights[PairFeatures.denseIndex["negation_differs"]!] < 0)
        #expect(report.share(.disagree, .same) <= 0.1)
        let judge = RelationJudge(model: model)
        #expect(judge.judge("السفارة تعلن الموعد الجديد", "السفارة لا تعلن الموعد الجديد").relation == .contradicts)
    }
}

@Suite("CSV reader")
struct CSVReaderTests {
    func parse(_ text: String) throws(InputError) -> [CSVRecord] {
        try CSVReader.records(Array(text.utf8), source: "pairs.csv")
    }

    @Test func plainAndQuotedFields() throws {
        let records = try parse("s1,s2,stance\nأ,ب,agree\r\n\"نص، مع فاصلة\",\"قال \"\"نعم\"\"\",other\n")
        #expect(records.count == 3)
        #expect(records[1] == CSVRecord(line: 2, fields: ["أ", "ب", "agree"]))
        #expect(records[2].fields == ["نص، مع فاصلة", "قال \"نعم\"", "other"])
        #expect(records[2].line == 3)
    }

    @Test func lineBreakInsideQuotesAndLineNumbers() throws {
        let records = try parse("a,b\n\"first\nsecond\",x\n\nlast,y")
        #expect(records.count == 3)
        #expect(records[1].fields == ["first\nsecond", "x"])
        #expect(records[1].line == 2)
        #expect(records[2] == CSVRecord(line: 5, fields: ["last", "y"]))
    }

    @Test func emptyFieldsAndByteOrderMark() throws {
        let records = try CSVReader.records([0xEF, 0xBB, 0xBF] + Array("a,b\n,\n\"\",z".utf8), source: "x.csv")
        #expect(records.map(\.fields) == [["a", "b"], ["", ""], ["", "z"]])
    }

    @Test func unclosedQuoteNamesItsLine() {
        #expect {
            _ = try parse("a,b\nx,y\n\"open,z\nmore")
        } throws: { error in
            (error as? InputError)?.input == "pairs.csv:3" && (error as? InputError)?.message.contains("never closed") == true
        }
    }

    @Test func strayQuoteNamesItsLine() {
        #expect {
            _ = try parse("a,b\nx,y\nsaid \"no\",z\n")
        } throws: { error in (error as? InputError)?.input == "pairs.csv:3" }
        #expect {
            _ = try parse("a,b\n\"x\"y,z\n")
        } throws: { error in (error as? InputError)?.input == "pairs.csv:2" }
    }

    @Test func invalidUTF8IsReported() {
        #expect {
            _ = try CSVReader.records(Array("a,b\n".utf8) + [0xFF, 0x2C, 0x41, 0x0A], source: "bad.csv")
        } throws: { error in (error as? InputError)?.input == "bad.csv:2" }
    }
}
