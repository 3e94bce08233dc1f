import Testing
@testable import Khabar

@Suite("AgencyCatalog")
struct AgencyCatalogTests {
    @Test func strongVariantsAnywhere() {
        #expect(AgencyCatalog.agencies(in: "قالت رويترز إن المحادثات ستستمر.", creditLine: false) == ["رويترز"])
        #expect(AgencyCatalog.agencies(in: "نقلت وكالة «فرانس برس» عن مسؤولين", creditLine: false) == ["فرانس برس"])
        #expect(AgencyCatalog.agencies(in: "According to Reuters and AFP", creditLine: false) == ["رويترز", "فرانس برس"])
        #expect(AgencyCatalog.agencies(in: "وبحسب وكالة سبوتنيك، فقد تفقد الرئيس", creditLine: false) == ["سبوتنيك"])
    }

    @Test func weakVariantOnlyInCreditContext() {
        #expect(AgencyCatalog.agencies(in: "زار الوزير مدينة قنا المصرية أمس.", creditLine: false).isEmpty)
        #expect(AgencyCatalog.agencies(in: "وذكرت وكالة قنا أن الأمير استقبل الوفد.", creditLine: false) == ["قنا"])
        #expect(AgencyCatalog.agencies(in: "قنا", creditLine: true) == ["قنا"])
        #expect(AgencyCatalog.agencies(in: "مينه دوك (وفقًا لـ RT و Sputnik)", creditLine: true) == ["RT", "سبوتنيك"])
    }

    @Test func abbreviationsMapToCanonicalName() {
        #expect(AgencyCatalog.agency(named: "أ ف ب") == "فرانس برس")
        #expect(AgencyCatalog.agency(named: "أ.ف.ب") == "فرانس برس")
        #expect(AgencyCatalog.agency(named: "AFP") == "فرانس برس")
        #expect(AgencyCatalog.agency(named: "وكالة رويترز") == "رويترز")
        #expect(AgencyCatalog.agency(named: "واس") == "واس")
        #expect(AgencyCatalog.agency(named: "الخليج الجديد") == nil)
        #expect(AgencyCatalog.agencies(in: "(أ ف ب)", creditLine: false) == ["فرانس برس"])
    }

    @Test func eachAgencyOnce() {
        let found = AgencyCatalog.agencies(in: "قالت رويترز ثم قالت رويترز مجددا، وأكدت Reuters", creditLine: false)
        #expect(found == ["رويترز"])
    }
}
