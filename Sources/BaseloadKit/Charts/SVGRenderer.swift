/// Renders a `ChartScene` to standalone SVG text; the same scene gives the same bytes.
public enum SVGRenderer {
  static func n(_ v: Double) -> String { Format.fixed(v, 1) }

  static func points(_ ps: [(Double, Double)]) -> String {
    ps.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
  }

  static func element(_ e: ChartScene.Element) -> String {
    switch e {
    case .rect(let x, let y, let w, let h, let fill, let title):
      let body = title.map { "<title>\(HTML.escape($0))</title>" } ?? ""
      return
        "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, w)))\" height=\"\(n(max(0, h)))\" fill=\"\(HTML.escape(fill))\">\(body)</rect>"
    case .line(let x1, let y1, let x2, let y2, let stroke, let width, let dash):
      return
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(HTML.escape(stroke))\" stroke-width=\"\(n(width))\"\(dash ? " stroke-dasharray=\"6 4\"" : "")/>"
    case .polyline(let ps, let stroke, let width, let dash):
      return
        "<polyline points=\"\(points(ps))\" fill=\"none\" stroke=\"\(HTML.escape(stroke))\" stroke-width=\"\(n(width))\"\(dash ? " stroke-dasharray=\"6 4\"" : "")/>"
    case .polygon(let ps, let fill, let opacity):
      return
        "<polygon points=\"\(points(ps))\" fill=\"\(HTML.escape(fill))\"\(opacity < 1 ? " fill-opacity=\"\(Format.fixed(opacity, 2))\"" : "")/>"
    case .text(let x, let y, let text, let size, let anchor, let bold, let fill, let rotate):
      let transform = rotate != 0 ? " transform=\"rotate(\(n(rotate)) \(n(x)) \(n(y)))\"" : ""
      return
        "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor.rawValue)\"\(bold ? " font-weight=\"600\"" : "") fill=\"\(HTML.escape(fill))\"\(transform)>\(HTML.escape(text))</text>"
    }
  }

  /// The SVG document.
  public static func render(_ scene: ChartScene) -> String {
    var out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(scene.width)) \(n(scene.height))\" width=\"\(n(scene.width))\" height=\"\(n(scene.height))\" role=\"img\" aria-label=\"\(HTML.escape(scene.title))\" font-family=\"system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif\">\n"
    out +=
      "<title>\(HTML.escape(scene.title))</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
    for e in scene.elements { out += element(e) + "\n" }
    return out + "</svg>\n"
  }
}
