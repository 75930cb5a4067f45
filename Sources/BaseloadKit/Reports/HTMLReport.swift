import Foundation

/// `report.html`: one self-contained page (inline CSS and SVG, no scripts) with the report's tables and charts.
public enum HTMLReport {
  static let css = """
    :root{--ink:#1b1f24;--muted:#57606a;--rule:#d8dee4;--band:#f6f8fa}
    *{box-sizing:border-box}
    body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--ink);margin:0 auto;max-width:72rem;padding:1.5rem 1.5rem 4rem}
    h1{font-size:1.7rem;margin:.2rem 0 1rem}h2{font-size:1.25rem;margin:2.2rem 0 .6rem;padding-top:.6rem;border-top:2px solid var(--rule)}
    h3{font-size:1.05rem;margin:1.4rem 0 .4rem}h4{font-size:.95rem;margin:1rem 0 .3rem;color:var(--muted)}
    p{max-width:60rem}code{font:.88em ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--band);padding:0 .25em;border-radius:3px}
    table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.86rem;width:auto;max-width:100%}
    th,td{padding:.28rem .55rem;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}
    th{background:var(--band);font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    tbody tr:nth-child(even){background:#fbfcfd}
    .charts{display:grid;grid-template-columns:1fr;gap:1.2rem;margin:1rem 0}
    figure{margin:0;border:1px solid var(--rule);border-radius:6px;padding:.4rem;background:#fff}
    figure svg{width:100%;height:auto;display:block}
    .table-wrap{overflow-x:auto}
    @media print{body{max-width:none;padding:0;font-size:10.5pt}h2{break-before:auto}table,figure,tr{break-inside:avoid}
    .table-wrap{overflow:visible}table{font-size:8.5pt}a{color:inherit;text-decoration:none}@page{size:A4;margin:14mm}}
    """

  /// The page: the report's Markdown as HTML, with the charts (`SVGRenderer`'s documents, which carry no XML
  /// declaration, so they embed as they are) after the headline.
  public static func page(title: String, markdown: String, charts: [(name: String, svg: String)])
    -> String
  {
    var body = MarkdownHTML.render(markdown)
    let figures = charts.map { c in
      "<figure id=\"\(HTML.escape(c.name))\">" + c.svg + "</figure>"
    }.joined(separator: "\n")
    let section =
      charts.isEmpty ? "" : "<h2>Charts</h2>\n<div class=\"charts\">\n\(figures)\n</div>\n"
    // Charts go right after the headline paragraphs, before the first table section.
    if let range = body.range(of: "<h2>") {
      body.insert(contentsOf: section, at: range.lowerBound)
    } else {
      body += section
    }
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(HTML.escape(title))</title>
      <style>
      \(css)
      </style>
      </head>
      <body>
      \(body)</body>
      </html>

      """
  }
}
