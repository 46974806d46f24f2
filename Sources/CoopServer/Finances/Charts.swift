import Foundation

/// Server-rendered SVG charts: no JavaScript, a title and description for screen readers, and
/// the same figures in a table beside each chart.
enum Charts {
    struct Series {
        let name: String
        let color: String
    }

    /// Grouped bars, one group per label, one bar per series; negative values go below the axis.
    static func bars(id: String, title: String, labels: [String], series: [Series], values: [[Int64]], format: (Int64) -> String)
        -> String
    {
        let width = 640.0
        let height = 260.0
        let left = 70.0
        let bottom = 40.0
        let top = 30.0
        let plotHeight = height - top - bottom
        let all = values.flatMap { $0 }
        let maxValue = Double(max(all.max() ?? 0, 1))
        let minValue = Double(min(all.min() ?? 0, 0))
        let span = maxValue - minValue
        func y(_ v: Double) -> Double { top + (maxValue - v) / span * plotHeight }
        let groupWidth = (width - left - 10) / Double(max(labels.count, 1))
        let barWidth = min(40, groupWidth * 0.8 / Double(max(series.count, 1)))
        var out =
            "<svg id=\"\(id)\" class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
        out += "<title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">"
        out += escape(
            labels.enumerated().map { i, label in
                "\(label): " + series.enumerated().map { s, ser in "\(ser.name) \(format(values[i][s]))" }.joined(separator: ", ")
            }.joined(separator: "; "))
        out += "</desc>"
        // Axis lines: zero and the top value.
        out += line(left, y(0), width - 10, y(0), "#333")
        out += text(left - 6, y(0) + 4, format(0), anchor: "end")
        out += line(left, y(maxValue), width - 10, y(maxValue), "#ccc")
        out += text(left - 6, y(maxValue) + 4, format(Int64(maxValue)), anchor: "end")
        if minValue < 0 {
            out += line(left, y(minValue), width - 10, y(minValue), "#ccc")
            out += text(left - 6, y(minValue) + 4, format(Int64(minValue)), anchor: "end")
        }
        for (i, label) in labels.enumerated() {
            let x0 = left + Double(i) * groupWidth + (groupWidth - barWidth * Double(series.count)) / 2
            for (s, ser) in series.enumerated() {
                let v = Double(values[i][s])
                let yTop = y(max(v, 0))
                let h = abs(y(v) - y(0))
                out +=
                    "<rect class=\"bar\" data-series=\"\(escape(ser.name))\" data-label=\"\(escape(label))\" data-value=\"\(values[i][s])\" x=\"\(r(x0 + Double(s) * barWidth))\" y=\"\(r(yTop))\" width=\"\(r(barWidth - 2))\" height=\"\(r(max(h, 0.5)))\" fill=\"\(ser.color)\"><title>\(escape("\(label), \(ser.name): \(format(values[i][s]))"))</title></rect>"
            }
            out += text(left + Double(i) * groupWidth + groupWidth / 2, height - bottom + 16, label, anchor: "middle")
        }
        for (s, ser) in series.enumerated() {
            let x = left + Double(s) * 150
            out += "<rect x=\"\(r(x))\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(ser.color)\"/>"
            out += text(x + 16, 16, ser.name, anchor: "start")
        }
        return out + "</svg>"
    }

    /// A step line of a rate over time: each value holds from its date until the next.
    static func steps(id: String, title: String, points: [(date: Date, basisPoints: Int64, label: String)], until end: Date) -> String {
        let width = 640.0
        let height = 220.0
        let left = 50.0
        let top = 20.0
        let bottom = 40.0
        guard let first = points.first else { return "" }
        let start = first.date.timeIntervalSince1970
        let stop = max(end.timeIntervalSince1970, start + 1)
        let maxBP = Double(max(points.map(\.basisPoints).max() ?? 0, 100))
        func x(_ t: Double) -> Double { left + (t - start) / (stop - start) * (width - left - 20) }
        func y(_ bp: Double) -> Double { top + (maxBP - bp) / maxBP * (height - top - bottom) }
        var out =
            "<svg id=\"\(id)\" class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
        out += "<title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">"
        out += escape(points.map { "\($0.label) from \(Layout.day($0.date))" }.joined(separator: "; ")) + "</desc>"
        out += line(left, y(0), width - 20, y(0), "#333")
        out += text(left - 6, y(0) + 4, "0%", anchor: "end")
        out += line(left, y(maxBP), width - 20, y(maxBP), "#ccc")
        out += text(left - 6, y(maxBP) + 4, "\(Int(maxBP) / 100)%", anchor: "end")
        var path = ""
        for (i, p) in points.enumerated() {
            let x0 = x(p.date.timeIntervalSince1970)
            let x1 = i + 1 < points.count ? x(points[i + 1].date.timeIntervalSince1970) : x(stop)
            let yy = y(Double(p.basisPoints))
            path += (i == 0 ? "M" : "L") + "\(r(x0)) \(r(yy)) L\(r(x1)) \(r(yy)) "
            out +=
                "<circle class=\"step\" data-value=\"\(p.basisPoints)\" cx=\"\(r(x0))\" cy=\"\(r(yy))\" r=\"4\" fill=\"#2a6f4e\"><title>\(escape("\(p.label) from \(Layout.day(p.date))"))</title></circle>"
            out += text(x0 + 4, yy - 8, p.label, anchor: "start")
        }
        out += "<path d=\"\(path)\" fill=\"none\" stroke=\"#2a6f4e\" stroke-width=\"2\"/>"
        out += text(left, height - bottom + 16, Layout.day(first.date), anchor: "start")
        out += text(width - 20, height - bottom + 16, Layout.day(end), anchor: "end")
        return out + "</svg>"
    }

    static func r(_ v: Double) -> String { String(format: "%.1f", v) }
    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ color: String) -> String {
        "<line x1=\"\(r(x1))\" y1=\"\(r(y1))\" x2=\"\(r(x2))\" y2=\"\(r(y2))\" stroke=\"\(color)\"/>"
    }
    static func text(_ x: Double, _ y: Double, _ s: String, anchor: String) -> String {
        "<text x=\"\(r(x))\" y=\"\(r(y))\" font-size=\"11\" text-anchor=\"\(anchor)\">\(escape(s))</text>"
    }
    static func escape(_ s: String) -> String { FastText.html(s) }
}
