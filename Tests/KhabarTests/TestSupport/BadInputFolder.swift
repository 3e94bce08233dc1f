import Foundation

/// A temporary folder of broken and good inputs, shared by the reader tests and the CLI test.
struct BadInputFolder {
    let url: URL

    /// Bad inputs: file name → words the error message must contain (any of them, case-insensitive).
    static let badFiles: [(name: String, keywords: [String])] = [
        ("binary.txt", ["binary"]),
        ("invalid-utf8.txt", ["UTF-8"]),
        ("empty.txt", ["empty"]),
        ("huge.txt", ["MB", "limit"]),
    ]
    /// The JSON Lines file whose second line is broken.
    static let jsonLinesFile = "records.jsonl"
    static let brokenJSONLine = 2
    static let goodFiles = ["good-1.txt", "good-2.txt", "cp1256.txt", "malformed.html"]
    /// Articles that must be read: the good files plus the two good JSON Lines records.
    static var goodArticleCount: Int { goodFiles.count + 2 }
    static var badInputCount: Int { badFiles.count + 1 }

    static let goodText1 = """
        أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في العاصمة بسعة مئتي سرير، في إطار خطة لتوسيع الخدمات الطبية.

        وقال الوزير إن المستشفى سيبدأ استقبال المرضى مطلع الشهر المقبل بعد اكتمال تجهيزه بالمعدات الحديثة.
        """
    static let goodText2 = """
        ارتفعت أسعار النفط في تعاملات الخميس بعد أن أظهرت بيانات تراجع المخزونات الأمريكية بأكثر من المتوقع.

        وصعدت العقود الآجلة لخام برنت بنسبة اثنين في المئة لتسجل أعلى مستوى لها منذ ثلاثة أشهر.
        """

    /// "أعلنت الحكومة اليوم، عن خطة جديدة لدعم الاقتصاد؟" and its Windows-1256 bytes, written out by
    /// hand from the code page (أ C3, ع DA, ل E1, ن E4, ت CA, ا C7, ح CD, ك DF, و E6, م E3, ة C9,
    /// ي ED, ، A1, خ CE, ط D8, ج CC, د CF, ق DE, ص D5, ؟ BF).
    static let cp1256Text = "أعلنت الحكومة اليوم، عن خطة جديدة لدعم الاقتصاد؟"
    static let cp1256Bytes: [UInt8] = [
        0xC3, 0xDA, 0xE1, 0xE4, 0xCA, 0x20, 0xC7, 0xE1, 0xCD, 0xDF, 0xE6, 0xE3, 0xC9, 0x20, 0xC7, 0xE1,
        0xED, 0xE6, 0xE3, 0xA1, 0x20, 0xDA, 0xE4, 0x20, 0xCE, 0xD8, 0xC9, 0x20, 0xCC, 0xCF, 0xED, 0xCF,
        0xC9, 0x20, 0xE1, 0xCF, 0xDA, 0xE3, 0x20, 0xC7, 0xE1, 0xC7, 0xDE, 0xCA, 0xD5, 0xC7, 0xCF, 0xBF,
    ]

    static let htmlParagraph = "قالت الشرطة إن حريقا اندلع مساء الثلاثاء في مستودع بالمنطقة الصناعية، وإن فرق الدفاع المدني تمكنت من السيطرة عليه دون وقوع إصابات، فيما فتحت السلطات تحقيقا لمعرفة أسباب الحادث."
    static let htmlParagraph2 = "وأضافت أن الأضرار اقتصرت على البضائع المخزنة، وأن الطريق المؤدي إلى المنطقة أعيد فتحه أمام حركة المرور صباح الأربعاء بعد انتهاء أعمال التبريد."

    static let jsonLines = """
        {"id": "rec-1", "title": "عنوان أول", "text": "نص الخبر الأول عن افتتاح معرض الكتاب في المدينة.", "published": "2023-09-14", "outlet": "صحيفة", "url": "https://example.com/1"}
        {"id": "rec-2", "title": "عنوان مكسور", "text": "هذا السطر لا يغلق
        {"id": "rec-3", "title": null, "text": "نص الخبر الثالث عن نتائج الانتخابات البلدية.", "published": "Mon, 14 May 2018 21:35:43 +0400", "url": "https://example.com/3"}

        """

    /// Creates the folder under the temporary directory.
    static func make() throws -> BadInputFolder {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("khabar-bad-input-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        func write(_ name: String, _ data: Data) throws { try data.write(to: url.appendingPathComponent(name)) }

        // Random bytes with NULs, deterministic (a linear congruential generator); not a gzip/xz magic.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var random = [UInt8]()
        for i in 0..<4096 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            random.append(i % 97 == 0 ? 0 : UInt8(truncatingIfNeeded: state >> 33))
        }
        random[0] = 0x00
        try write("binary.txt", Data(random))

        // Latin-1 text (é è û ï) with the invalid UTF-8 pair C3 28 in it.
        var latin1 = Array("Caf".utf8) + [0xE9] + Array(" cr".utf8) + [0xE8] + Array("me br".utf8) + [0xFB, 0x6C, 0xE9, 0x65]
        latin1 += Array(" and ".utf8) + [0xC3, 0x28] + Array(" na".utf8) + [0xEF] + Array("ve text.\n".utf8)
        try write("invalid-utf8.txt", Data(latin1))

        try write("empty.txt", Data())

        // 50 MB of Arabic text, over the default 10 MB limit for one article.
        let line = Array("هذا نص عربي طويل يتكرر مرات كثيرة لصنع ملف كبير جدا يتجاوز الحد المسموح.\n".utf8)
        var huge = [UInt8]()
        let target = 50 << 20
        huge.reserveCapacity(target + line.count)
        while huge.count < target { huge += line }
        try write("huge.txt", Data(huge))

        try write("cp1256.txt", Data(cp1256Bytes + [0x0A]))

        let html = """
            <html><head><title>حريق في مستودع</title>
            <body><div class="content"><p>\(htmlParagraph)
            <p>\(htmlParagraph2)
            <div><span>نهاية
            """
        try write("malformed.html", Data(html.utf8))

        try write(jsonLinesFile, Data(jsonLines.utf8))
        try write("good-1.txt", Data(goodText1.utf8))
        try write("good-2.txt", Data(goodText2.utf8))
        return BadInputFolder(url: url)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs a command line tool; returns its exit status, standard output and standard error.
@discardableResult
func runTool(_ executable: String, _ arguments: [String], stdin: Data? = nil) throws -> (status: Int32, stdout: Data, stderr: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    if stdin != nil { process.standardInput = Pipe() } else { process.standardInput = FileHandle.nullDevice }
    try process.run()
    if let stdin, let pipe = process.standardInput as? Pipe {
        pipe.fileHandleForWriting.write(stdin)
        try pipe.fileHandleForWriting.close()
    }
    // Read both pipes concurrently so neither fills up and blocks the child.
    let errData = LockedData()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData.set(err.fileHandleForReading.readDataToEndOfFile())
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return (process.terminationStatus, outData, errData.get())
}

final class LockedData: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
