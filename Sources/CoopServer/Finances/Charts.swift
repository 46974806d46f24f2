import Foundation
import Plot

/// Server-rendered SVG charts: no JavaScript, a title and description for screen readers, and
/// the same figures in a table beside each chart.
///
/// Built from Plot's nodes, so every text (titles, labels, figures) is escaped by Plot. Plot
/// writes attribute values as they are, unescaped: every attribute here goes through
/// ``attribute(_:_:)``, the one place that escapes them.
enum Charts {
    struct Series {
        let name: String
        let color: String
    }

    typealias SVGNode = Node<HTML.BodyContext>

    /// Grouped bars, one group per label, one bar per series; negative values go below the axis.
    static func bars(id: String, title: String, labels: [String], series: [Series], values: [[Int64]], format: (Int64) -> String)
        -> SVGNode
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
        let description = labels.enumerated().map { i, label in
            t(
                "%1$s: %2$s", label,
                series.enumerated().map { s, ser in t("%1$s %2$s", ser.name, format(values[i][s])) }.joined(separator: ", "))
        }.joined(separator: "; ")
        var nodes = head(id: id, title: title, description: description)
        // Axis lines: zero and the top value.
        nodes.append(line(left, y(0), width - 10, y(0), "#333"))
        nodes.append(text(left - 6, y(0) + 4, format(0), anchor: "end"))
        nodes.append(line(left, y(maxValue), width - 10, y(maxValue), "#ccc"))
        nodes.append(text(left - 6, y(maxValue) + 4, format(Int64(maxValue)), anchor: "end"))
        if minValue < 0 {
            nodes.append(line(left, y(minValue), width - 10, y(minValue), "#ccc"))
            nodes.append(text(left - 6, y(minValue) + 4, format(Int64(minValue)), anchor: "end"))
        }
        for (i, label) in labels.enumerated() {
            let x0 = left + Double(i) * groupWidth + (groupWidth - barWidth * Double(series.count)) / 2
            for (s, ser) in series.enumerated() {
                let v = Double(values[i][s])
                let yTop = y(max(v, 0))
                let h = abs(y(v) - y(0))
                nodes.append(
                    .element(
                        named: "rect",
                        nodes: [
                            attribute("class", "bar"), attribute("data-series", ser.name), attribute("data-label", label),
                            attribute("data-value", String(values[i][s])), attribute("x", r(x0 + Double(s) * barWidth)),
                            attribute("y", r(yTop)), attribute("width", r(barWidth - 2)), attribute("height", r(max(h, 0.5))),
                            attribute("fill", ser.color),
                            .element(named: "title", nodes: [.text(t("%1$s, %2$s: %3$s", label, ser.name, format(values[i][s])))]),
                        ]))
            }
            nodes.append(text(left + Double(i) * groupWidth + groupWidth / 2, height - bottom + 16, label, anchor: "middle"))
        }
        for (s, ser) in series.enumerated() {
            let x = left + Double(s) * 150
            nodes.append(
                .selfClosedElement(
                    named: "rect",
                    attributes: [
                        attr("x", r(x)), attr("y", "6"),
                        attr("width", "12"), attr("height", "12"), attr("fill", ser.color),
                    ]))
            nodes.append(text(x + 16, 16, ser.name, anchor: "start"))
        }
        return svg(id: id, width: width, height: height, nodes)
    }

    /// A step line of a rate over time: each value holds from its date until the next.
    static func steps(id: String, title: String, points: [(date: Date, basisPoints: Int64, label: String)], until end: Date) -> SVGNode {
        let width = 640.0
        let height = 220.0
        let left = 50.0
        let top = 20.0
        let bottom = 40.0
        guard let first = points.first else { return .empty }
        let start = first.date.timeIntervalSince1970
        let stop = max(end.timeIntervalSince1970, start + 1)
        let maxBP = Double(max(points.map(\.basisPoints).max() ?? 0, 100))
        func x(_ t: Double) -> Double { left + (t - start) / (stop - start) * (width - left - 20) }
        func y(_ bp: Double) -> Double { top + (maxBP - bp) / maxBP * (height - top - bottom) }
        var nodes = head(
            id: id, title: title,
            description: points.map { t("%1$s from %2$s", $0.label, FinancePages.shortDay($0.date)) }.joined(separator: "; "))
        nodes.append(line(left, y(0), width - 20, y(0), "#333"))
        nodes.append(text(left - 6, y(0) + 4, "0%", anchor: "end"))
        nodes.append(line(left, y(maxBP), width - 20, y(maxBP), "#ccc"))
        nodes.append(text(left - 6, y(maxBP) + 4, "\(Int(maxBP) / 100)%", anchor: "end"))
        var path = ""
        for (i, p) in points.enumerated() {
            let x0 = x(p.date.timeIntervalSince1970)
            let x1 = i + 1 < points.count ? x(points[i + 1].date.timeIntervalSince1970) : x(stop)
            let yy = y(Double(p.basisPoints))
            path += (i == 0 ? "M" : "L") + "\(r(x0)) \(r(yy)) L\(r(x1)) \(r(yy)) "
            nodes.append(
                .element(
                    named: "circle",
                    nodes: [
                        attribute("class", "step"), attribute("data-value", String(p.basisPoints)), attribute("cx", r(x0)),
                        attribute("cy", r(yy)), attribute("r", "4"), attribute("fill", "#2a6f4e"),
                        .element(named: "title", nodes: [.text(t("%1$s from %2$s", p.label, FinancePages.shortDay(p.date)))]),
                    ]))
            nodes.append(text(x0 + 4, yy - 8, p.label, anchor: "start"))
        }
        nodes.append(
            .selfClosedElement(
                named: "path",
                attributes: [
                    attr("d", path), attr("fill", "none"),
                    attr("stroke", "#2a6f4e"), attr("stroke-width", "2"),
                ]))
        nodes.append(text(left, height - bottom + 16, Layout.day(first.date), anchor: "start"))
        nodes.append(text(width - 20, height - bottom + 16, Layout.day(end), anchor: "end"))
        return svg(id: id, width: width, height: height, nodes)
    }

    /// The chart's root, labelled by its title and description.
    private static func svg(id: String, width: Double, height: Double, _ nodes: [SVGNode]) -> SVGNode {
        .element(
            named: "svg",
            nodes: [
                attribute("id", id), attribute("class", "chart"), attribute("role", "img"),
                attribute("aria-labelledby", "\(id)-title \(id)-desc"), attribute("viewBox", "0 0 \(Int(width)) \(Int(height))"),
                attribute("xmlns", "http://www.w3.org/2000/svg"),
            ] + nodes)
    }

    /// The title and description screen readers read.
    private static func head(id: String, title: String, description: String) -> [SVGNode] {
        [
            .element(named: "title", nodes: [attribute("id", "\(id)-title"), .text(title)]),
            .element(named: "desc", nodes: [attribute("id", "\(id)-desc"), .text(description)]),
        ]
    }

    static func r(_ v: Double) -> String { String(format: "%.1f", v) }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ color: String) -> SVGNode {
        .selfClosedElement(
            named: "line",
            attributes: [
                attr("x1", r(x1)), attr("y1", r(y1)),
                attr("x2", r(x2)), attr("y2", r(y2)), attr("stroke", color),
            ])
    }

    static func text(_ x: Double, _ y: Double, _ s: String, anchor: String) -> SVGNode {
        .element(
            named: "text",
            nodes: [
                attribute("x", r(x)), attribute("y", r(y)), attribute("font-size", "11"), attribute("text-anchor", anchor), .text(s),
            ])
    }

    /// An attribute with its value escaped: Plot writes attribute values verbatim.
    static func attr(_ name: String, _ value: String) -> Attribute<HTML.BodyContext> { Attribute(name: name, value: escape(value)) }

    /// An attribute as a node of its element (see ``attr(_:_:)``).
    static func attribute(_ name: String, _ value: String) -> SVGNode { .attribute(attr(name, value)) }

    /// The one escaping of attribute values (`&`, `<`, `>`, quotes).
    static func escape(_ s: String) -> String { FastText.html(s) }
}
