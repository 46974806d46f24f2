/// The one small stylesheet: readable on a phone, no JavaScript anywhere.
enum Stylesheet {
    static let css = """
        *{box-sizing:border-box}
        body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2521;background:#fafaf7}
        header.site{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.75rem 1rem;background:#1f5c46;color:#fff}
        header.site a{color:#fff}
        .brand{font-weight:700;margin-right:auto;text-decoration:none}
        nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
        main{max-width:60rem;margin:0 auto;padding:1rem}
        footer{max-width:60rem;margin:2rem auto;padding:0 1rem;color:#555;font-size:.9rem}
        table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;display:block;overflow-x:auto}
        th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
        .num{text-align:right;font-variant-numeric:tabular-nums}
        .field{margin:.6rem 0}
        .field label{display:block;font-weight:600}
        input,select,button{font:inherit;padding:.4rem .6rem;max-width:100%}
        input[type=text],input[type=email],input[type=password]{width:24rem}
        button{background:#1f5c46;color:#fff;border:0;border-radius:4px;cursor:pointer}
        button.danger{background:#8a1c1c}
        form.inline{display:inline}
        header.site button{background:transparent;border:1px solid #fff}
        .error{background:#fdecea;border-left:4px solid #b3261e;padding:.5rem .75rem}
        .notice{background:#e8f3ee;border-left:4px solid #1f5c46;padding:.5rem .75rem}
        .hash{font-family:ui-monospace,monospace;word-break:break-all;font-size:.9rem}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.75rem}
        .card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.75rem}
        .big{font-size:1.8rem;font-weight:700}
        """
}
