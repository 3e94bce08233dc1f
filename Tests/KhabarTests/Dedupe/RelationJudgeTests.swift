import Foundation
import Testing
@testable import Khabar

@Suite("Relation judge: headline pairs")
struct RelationJudgeTests {
    let judge = RelationJudge()

    @Test func identicalTextIsSame() {
        let result = judge.judge("ارتفاع أسعار النفط في الأسواق العالمية", "ارتفاع أسعار النفط في الأسواق العالمية")
        #expect(result.relation == .same)
        #expect(result.similarity == 1)
        #expect(result.cues.isEmpty)
    }

    @Test func arabicIndicDigitsAreTheSameNumber() {
        let result = judge.judge("مقتل 17 شخصا في انفجار ببغداد", "مقتل ١٧ شخصا في انفجار ببغداد")
        #expect(result.relation == .same)
        #expect(!result.cues.contains(.number))
        #expect(result.similarity == 1)
    }

    @Test func spellingVariantsAreTheSame() {
        // hamza, alef maksura, ta marbuta and harakat do not make a difference
        let result = judge.judge("إيران تُعلن إغلاق المطار الدولي", "ايران تعلن اغلاق المطار الدولى")
        #expect(result.relation == .same)
        #expect(result.similarity == 1)
    }

    @Test func differentNumberContradicts() {
        let result = judge.judge("مقتل 17 شخصا في انفجار ببغداد", "مقتل 71 شخصا في انفجار ببغداد")
        #expect(result.cues.contains(.number))
        #expect(result.relation == .contradicts)
    }

    @Test func spelledNumberMatchesDigits() {
        #expect(ContradictionCues.numberDifference(RelationText("خمسة قتلى").numbers, RelationText("5 قتلى").numbers) == .none)
        #expect(ContradictionCues.numberDifference(RelationText("خمسة قتلى").numbers, RelationText("ستة قتلى").numbers) == .bothSides)
        #expect(ContradictionCues.numberDifference(RelationText("100 مليون دولار").numbers, RelationText("100 مليار دولار").numbers) == .bothSides)
    }

    @Test func negationContradicts() {
        let result = judge.judge("الحكومة توافق على خطة الإنقاذ الاقتصادي", "الحكومة لا توافق على خطة الإنقاذ الاقتصادي")
        #expect(result.cues.contains(.negation))
        #expect(result.relation == .contradicts)
    }

    @Test func laSiymaIsNoNegation() {
        // "لا سيما" is "especially"; written apart or together it negates nothing.
        let result = judge.judge("ارتفعت الأسعار في المدن لا سيما العاصمة", "ارتفعت الأسعار في المدن لاسيما العاصمة")
        #expect(!result.cues.contains(.negation))
    }

    @Test func denialVerbContradicts() {
        let result = judge.judge("الجيش يؤكد انسحابه من المدينة", "الجيش ينفي انسحابه من المدينة")
        #expect(result.cues.contains(.antonym))
        #expect(result.relation == .contradicts)
    }

    @Test(arguments: [
        ("الذهب عند أعلى مستوى في ثلاثة أشهر", "الذهب عند أدنى مستوى في ثلاثة أشهر"),
        ("ارتفاع أسعار النفط بعد قرار أوبك", "انخفاض أسعار النفط بعد قرار أوبك"),
        ("البرلمان يقبل استقالة رئيس الوزراء", "البرلمان يرفض استقالة رئيس الوزراء"),
        ("فوز الفريق الوطني في المباراة النهائية", "خسارة الفريق الوطني في المباراة النهائية"),
    ])
    func antonymContradicts(_ pair: (String, String)) {
        let result = judge.judge(pair.0, pair.1)
        #expect(result.cues.contains(.antonym), "\(pair)")
        #expect(result.relation == .contradicts, "\(pair)")
    }

    @Test func swappedRolesAreNotTheSame() {
        // the same words, opposite directions attached to each currency
        let result = judge.judge("ارتفاع الدولار مع هبوط اليورو", "هبوط الدولار مع ارتفاع اليورو")
        #expect(result.cues.contains(.antonym))
        #expect(result.relation != .same)
    }

    @Test func otherPlaceContradicts() {
        let result = judge.judge("الصليب الأحمر يدين قتل الأطفال في اليمن", "الصليب الأحمر يدين قتل الأطفال في موزمبيق")
        #expect(result.cues.contains(.place))
        #expect(result.relation == .contradicts)
    }

    @Test func capitalStandsForItsCountry() {
        let places = ContradictionCues.placeDifference(RelationText("واشنطن تفرض عقوبات جديدة"),
                                                       RelationText("أميركا تفرض عقوبات جديدة"))
        #expect(!places.substitution && !places.oneSided)
    }

    @Test func unrelatedHeadlinesAreDifferent() {
        let result = judge.judge("تراجع التضخم في مصر خلال الربع الأول",
                                 "اعترافات سليمان الحلبي تكشف أسرار مقتل كليبر")
        #expect(result.relation == .different)
        #expect(result.similarity < 0.2)
    }

    @Test func paraphraseWithReorderingIsSame() {
        let result = judge.judge("الصليب الأحمر يسحب 71 عامل إغاثة من اليمن خوفا على سلامتهم",
                                 "سحب 71 عامل إغاثة تابعين للصليب الأحمر من اليمن خوفا على سلامتهم")
        #expect(result.relation == .same)
    }

    @Test func judgementIsSymmetric() {
        let pairs = [("الذهب عند أعلى مستوى", "الذهب عند أدنى مستوى"),
                     ("نيكاي يرتفع لأعلى مستوى منذ 1991", "ارتفاع قياسي لمؤشر نيكاي منذ ١٩٩١")]
        for (a, b) in pairs {
            let forward = judge.judge(a, b), backward = judge.judge(b, a)
            #expect(forward.relation == backward.relation)
            #expect(abs(forward.similarity - backward.similarity) < 1e-12)
        }
    }

    @Test func formsOfOneRootAlign() {
        // يستنزف / استنزاف, تتزوج / زواج, ينفي / نفى share a skeleton
        for (x, y) in [("يستنزف", "استنزاف"), ("تتزوج", "زواج"), ("ينفي", "نفى"), ("يرتفع", "ارتفاع")] {
            let a = RelationText("الخبر \(x)"), b = RelationText("الخبر \(y)")
            #expect(PairAlignment(a, b).matchedCount == 2, "\(x) / \(y)")
        }
    }
}

@Suite("Relation judge: long near-identical texts")
struct RelationJudgeLongTextTests {
    let judge = RelationJudge()

    static let article = """
        أعلن البنك المركزي المصري اليوم الخميس رفع أسعار الفائدة الأساسية بمقدار 17 نقطة أساس، في خطوة \
        تهدف إلى كبح التضخم الذي سجل أعلى مستوى له منذ خمس سنوات. وقالت لجنة السياسة النقدية في بيان \
        إن القرار جاء بعد مراجعة دقيقة للأوضاع الاقتصادية المحلية والعالمية، مشيرة إلى أن الضغوط على \
        العملة المحلية ما زالت قائمة. وأضاف البيان أن اللجنة ستواصل متابعة التطورات عن كثب وستتخذ \
        الإجراءات اللازمة للحفاظ على استقرار الأسعار. ويتوقع محللون أن يؤدي القرار إلى تباطؤ نمو \
        الإقراض للقطاع الخاص خلال الأشهر المقبلة، في حين رحب المستثمرون الأجانب بالخطوة التي اعتبروها \
        إشارة إلى التزام الحكومة ببرنامج الإصلاح الاقتصادي المتفق عليه مع صندوق النقد الدولي.
        """

    func edited(_ replace: String, with replacement: String) -> String {
        precondition(Self.article.contains(replace), "the test text must contain \(replace)")
        return Self.article.replacingOccurrences(of: replace, with: replacement)
    }

    @Test func copyIsSame() {
        let result = judge.judge(Self.article, Self.article)
        #expect(result.relation == .same)
        #expect(result.similarity == 1)
    }

    @Test func digitShapesAndSpellingDoNotMatter() {
        let copy = edited("17 نقطة", with: "١٧ نقطة").replacingOccurrences(of: "أعلن", with: "اعلن")
            .replacingOccurrences(of: "الخميس", with: "الخَميس")
        let result = judge.judge(Self.article, copy)
        #expect(result.relation == .same)
        #expect(result.cues.isEmpty)
        #expect(result.similarity == 1)
    }

    @Test func copyWithJunkAroundIsSame() {
        let copy = "شارك المقال عبر فيسبوك وتويتر\n" + Self.article + "\nاقرأ أيضا: أسعار الذهب اليوم"
        let result = judge.judge(Self.article, copy)
        #expect(result.relation == .same)
    }

    @Test func changedNumberContradicts() {
        let result = judge.judge(Self.article, edited("17 نقطة", with: "25 نقطة"))
        #expect(result.cues.contains(.number))
        #expect(result.relation == .contradicts)
    }

    @Test func addedNegationContradicts() {
        let result = judge.judge(Self.article, edited("رحب المستثمرون", with: "لم يرحب المستثمرون"))
        #expect(result.cues.contains(.negation))
        #expect(result.relation == .contradicts)
    }

    @Test func antonymContradicts() {
        let result = judge.judge(Self.article, edited("سجل أعلى مستوى", with: "سجل أدنى مستوى"))
        #expect(result.cues.contains(.antonym))
        #expect(result.relation == .contradicts)
        let lowered = judge.judge(Self.article, edited("رفع أسعار الفائدة", with: "خفض أسعار الفائدة"))
        #expect(lowered.relation == .contradicts)
    }

    @Test func otherArticleIsDifferent() {
        let other = """
            فاز المنتخب المغربي على نظيره التونسي بهدفين مقابل هدف في المباراة الودية التي أقيمت مساء \
            أمس على ملعب محمد الخامس بالدار البيضاء، وسط حضور جماهيري كبير. وسجل هدفي المغرب اللاعبان \
            في الشوط الثاني بعد أن تقدم المنتخب التونسي في الدقائق الأولى من اللقاء. وقال مدرب المنتخب \
            المغربي إن الفوز يمنح اللاعبين ثقة كبيرة قبل التصفيات المقبلة، مشيدا بأداء الخط الدفاعي \
            والروح القتالية التي أظهرها الفريق طوال المباراة رغم الغيابات العديدة بسبب الإصابات.
            """
        let result = judge.judge(Self.article, other)
        #expect(result.relation == .different)
        #expect(result.similarity < 0.2)
    }

    @Test func longPairIsFast() {
        let copy = edited("17 نقطة", with: "25 نقطة")
        let long = String(repeating: Self.article + "\n", count: 10)
        let longCopy = String(repeating: Self.article + "\n", count: 9) + copy
        let clock = ContinuousClock()
        var relation = PairRelation.same
        let elapsed = clock.measure { relation = judge.judge(long, longCopy).relation }
        #expect(relation == .contradicts)
        // ~1,000 words a side: generous for a debug build on a shared machine
        #expect(elapsed < .milliseconds(500), "\(elapsed)")
    }
}
