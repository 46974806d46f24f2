/// The one small stylesheet: readable on a phone, no JavaScript anywhere, nothing downloaded.
///
/// A small visual system: a spacing scale (`--s1`…`--s5`), a type scale (`--t-small`…`--t-big`),
/// a few colours with text that meets WCAG AA on them, status badges (`.badge.ok|wait|act|bad|info`),
/// cards, and buttons by role (primary by default, `.secondary`, `.danger`). Touch targets are at
/// least 44 px. Under 48rem the menu folds behind its button and tables become one card per row,
/// each value under its column's heading (``TableLabels``).
enum Stylesheet {
    static let css = """
        :root{--s1:.25rem;--s2:.5rem;--s3:1rem;--s4:1.5rem;--s5:2.5rem;
        --t-small:.875rem;--t-body:1rem;--t-h2:1.25rem;--t-h1:1.6rem;--t-big:1.8rem;
        --ink:#1d2521;--muted:#4f5a55;--paper:#fafaf7;--card:#fff;--line:#d5dbd7;
        --brand:#1f5c46;--brand-ink:#fff;--brand-soft:#e3f1ea;--danger:#8a1c1c;--focus:#b35c00;--radius:6px}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{font:var(--t-body)/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:var(--ink);background:var(--paper);overflow-wrap:anywhere}
        a{color:#17573f}
        a:hover{text-decoration-thickness:2px}
        :focus-visible{outline:3px solid var(--focus);outline-offset:2px}
        h1{font-size:var(--t-h1);line-height:1.25;margin:var(--s2) 0 var(--s3)}
        h2{font-size:var(--t-h2);margin:var(--s4) 0 var(--s2)}
        p,ul,ol,dl{margin:0 0 var(--s3)}
        img,svg{max-width:100%;height:auto}
        code,.hash{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
        .skip{position:absolute;left:-999px;top:0;background:var(--card);padding:var(--s2) var(--s3);z-index:10}
        .skip:focus{left:var(--s2)}
        header.site{display:flex;flex-wrap:wrap;gap:var(--s2) var(--s3);align-items:center;padding:var(--s2) var(--s3);background:var(--brand);color:var(--brand-ink)}
        header.site a{color:var(--brand-ink)}
        .brand{font-weight:700;font-size:1.1rem;margin-right:auto;text-decoration:none;min-height:44px;display:inline-flex;align-items:center}
        nav{display:flex;flex-wrap:wrap;gap:0 var(--s1);align-items:center}
        nav a{display:inline-flex;align-items:center;min-height:44px;padding:0 var(--s2);border-radius:var(--radius);text-decoration:none}
        nav a:hover{background:rgba(255,255,255,.12)}
        nav .count{display:inline-block;min-width:1.4em;margin-left:var(--s1);padding:0 .35em;border-radius:1em;background:#fff;color:var(--brand);font-size:var(--t-small);font-weight:700;text-align:center}
        .menu-toggle{position:absolute;opacity:0;width:1px;height:1px}
        .menu-button{display:none}
        .languages{display:flex;flex-wrap:wrap;gap:var(--s1);align-items:center;margin:0}
        .languages a,.languages button{display:inline-flex;align-items:center;min-height:44px;padding:0 var(--s2)}
        .languages [aria-current=true],.languages [aria-pressed=true]{font-weight:700;text-decoration:underline}
        main{max-width:60rem;margin:0 auto;padding:var(--s3)}
        footer{max-width:60rem;margin:var(--s5) auto;padding:0 var(--s3);color:var(--muted);font-size:var(--t-small)}
        table{border-collapse:collapse;width:100%;margin:var(--s2) 0 var(--s3)}
        th,td{text-align:left;padding:var(--s2) .6rem;border-bottom:1px solid var(--line);vertical-align:top}
        th{font-size:var(--t-small);color:var(--muted);font-weight:600}
        .num{text-align:right;font-variant-numeric:tabular-nums}
        .field{margin:var(--s3) 0}
        .field label,legend{display:block;font-weight:600;margin-bottom:var(--s1)}
        fieldset{border:1px solid var(--line);border-radius:var(--radius);padding:var(--s2) var(--s3);margin:var(--s3) 0}
        input,select,textarea,button,.button{font:inherit;max-width:100%}
        input,select,textarea{padding:var(--s2);border:1px solid #8a948f;border-radius:var(--radius);background:#fff;color:var(--ink);min-height:44px}
        input[type=text],input[type=email],input[type=password],input[type=search],input[type=number],input[type=datetime-local],select,textarea{width:28rem}
        input[type=checkbox],input[type=radio]{min-height:0;width:1.25rem;height:1.25rem;vertical-align:middle;margin:0 var(--s2) 0 0}
        .field input[type=radio]+label,.field input[type=checkbox]+label{display:inline;font-weight:400}
        .choice{display:flex;align-items:center;min-height:44px}
        textarea{display:block}
        button,.button{display:inline-flex;align-items:center;justify-content:center;min-height:44px;padding:0 var(--s3);border:2px solid var(--brand);border-radius:var(--radius);background:var(--brand);color:var(--brand-ink);cursor:pointer;text-decoration:none;font-weight:600}
        button.secondary,.button.secondary{background:transparent;color:var(--brand)}
        button.danger,.button.danger{background:#fff;color:var(--danger);border-color:var(--danger)}
        button.danger:hover{background:var(--danger);color:#fff}
        form.inline{display:inline}
        details.danger-zone{display:inline-block;vertical-align:top;margin:var(--s1) 0}
        details.danger-zone summary{display:inline-flex;align-items:center;min-height:44px;padding:0 var(--s3);border:2px solid var(--danger);border-radius:var(--radius);color:var(--danger);cursor:pointer;font-weight:600}
        details.danger-zone[open]{display:block;border:1px solid var(--danger);border-radius:var(--radius);padding:var(--s2);background:#fff}
        details.danger-zone form{margin-top:var(--s2)}
        header.site button{background:transparent;border:1px solid var(--brand-ink);color:var(--brand-ink)}
        .actions{display:flex;flex-wrap:wrap;gap:var(--s2);align-items:center;margin:var(--s3) 0}
        .error{background:#fdecea;border-left:4px solid #b3261e;padding:var(--s2) var(--s3);border-radius:0 var(--radius) var(--radius) 0}
        .notice{background:var(--brand-soft);border-left:4px solid var(--brand);padding:var(--s2) var(--s3);border-radius:0 var(--radius) var(--radius) 0;margin:0 0 var(--s3)}
        .notice form,.notice p:last-child{margin-bottom:0}
        .hash{word-break:break-all;font-size:var(--t-small)}
        .key{color:var(--muted);font-size:var(--t-small)}
        .policy-name{font-weight:600}
        .rules{color:var(--muted);font-size:var(--t-small)}
        .written p{margin:0 0 var(--s2)}
        .badge{display:inline-block;padding:.1em .55em;border-radius:1em;font-size:var(--t-small);font-weight:600;line-height:1.5;white-space:nowrap}
        .badge.ok{background:#dcefe4;color:#14442f}
        .badge.wait{background:#fff1c9;color:#5c4300}
        .badge.act{background:#fde2cf;color:#7a3300}
        .badge.bad{background:#fadcdc;color:#7d1818}
        .badge.info{background:#e3ebf6;color:#1f4470}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:var(--s3);padding:0;list-style:none}
        .card{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:var(--s3)}
        .card h2{margin-top:0}
        figure{margin:var(--s3) 0}
        figcaption{color:var(--muted);font-size:var(--t-small)}
        .big{font-size:var(--t-big);font-weight:700}
        tr.mine td{background:#fff1c9}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:var(--s1) var(--s3)}
        dt{font-weight:600}
        dd{margin:0}
        @media (max-width:48rem){
        header.site{position:relative}
        .menu-button{display:inline-flex;align-items:center;min-height:44px;padding:0 var(--s3);border:1px solid var(--brand-ink);border-radius:var(--radius);cursor:pointer}
        .menu-toggle:focus-visible+.menu-button{outline:3px solid #ffd28a;outline-offset:2px}
        nav{display:none;flex-basis:100%;flex-direction:column;align-items:stretch}
        .menu-toggle:checked~nav{display:flex}
        nav a{padding:0 var(--s3)}
        nav form.inline{display:block}
        nav button{width:100%;margin:var(--s1) 0}
        input[type=text],input[type=email],input[type=password],input[type=search],input[type=number],input[type=datetime-local],select,textarea{width:100%}
        dl{grid-template-columns:1fr}
        .chart-wrap{overflow-x:auto}
        .chart-wrap svg{min-width:640px}
        dd{margin-bottom:var(--s2)}
        table,tbody,tr,td{display:block;width:100%}
        thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
        tr{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);margin:0 0 var(--s2);padding:var(--s1) var(--s2)}
        td{border:0;padding:var(--s1) 0}
        td[data-label]{display:grid;grid-template-columns:minmax(6rem,35%) 1fr;gap:var(--s2)}
        td[data-label]::before{content:attr(data-label);font-size:var(--t-small);color:var(--muted);font-weight:600;padding-top:.1rem}
        .num{text-align:left}
        }
        /* Bookings and the order timeline */
        ol.timeline{list-style:none;padding:0;margin:var(--s2) 0;counter-reset:step}
        ol.timeline li{counter-increment:step;display:flex;flex-wrap:wrap;align-items:center;gap:var(--s1);padding:var(--s1) 0 var(--s1) var(--s2);border-left:3px solid var(--line)}
        ol.timeline li::before{content:counter(step) ".";color:var(--muted);min-width:1.5em}
        ol.timeline li.done{border-left-color:var(--brand)}
        ol.timeline li.current{border-left-color:var(--focus);font-weight:600}
        ol.timeline li.skipped .step-name{text-decoration:line-through;color:var(--muted)}
        .step-note{color:var(--muted);font-size:var(--t-small)}
        #times .slots{display:grid;grid-template-columns:repeat(auto-fill,minmax(8.5rem,1fr));gap:0 var(--s2)}
        #times .choice label{margin:0 0 0 var(--s2)}
        .calendar-day h2{font-size:var(--t-h2)}
        /* ---- Listings: cards in search, photos, managing a listing (listings work) ---- */
        .listing-cards{list-style:none;padding:0;margin:var(--s2) 0;display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:var(--s3)}
        .listing-card{display:flex;flex-direction:column;gap:var(--s1);background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:var(--s3);min-width:0}
        .listing-card .card-link{display:flex;flex-direction:column;gap:var(--s2);text-decoration:none}
        .card-photo{display:block;width:100%;height:auto;aspect-ratio:4/3;object-fit:cover;border-radius:var(--radius);background:var(--brand-soft)}
        .card-title{font-size:var(--t-h2)}
        .card-price{font-weight:700}
        .card-meta,.card-area,.card-distance,.card-rating{color:var(--muted);font-size:var(--t-small)}
        .gallery{display:flex;flex-wrap:wrap;gap:var(--s2);margin:var(--s2) 0 var(--s3)}
        .gallery img{max-width:100%;height:auto;max-height:24rem;border-radius:var(--radius)}
        .photo-list{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:var(--s3)}
        .photo-list li{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:var(--s2);min-width:0}
        .photo-list img{display:block;width:100%;height:auto;aspect-ratio:4/3;object-fit:cover;border-radius:var(--radius)}
        .photo-alt{display:block;font-size:var(--t-small);color:var(--muted);margin:var(--s1) 0 var(--s2)}
        .hint{color:var(--muted);font-size:var(--t-small);margin:var(--s1) 0}
        .reviews{list-style:none;padding:0}
        .reviews li{border-bottom:1px solid var(--line);padding:var(--s2) 0}
        /* ---- Paper ballot slips of a general assembly ---- */
        .qr{display:block;width:12rem;height:12rem;max-width:100%;margin:var(--s2) 0}
        .slips{list-style:none;padding:0}
        .slip{background:var(--card);border:2px dashed var(--ink);border-radius:var(--radius);padding:var(--s3);margin:0 0 var(--s3);break-inside:avoid}
        .slip h2{margin-top:0}
        .slip-stub{border-top:2px dashed var(--ink);margin-top:var(--s3);padding-top:var(--s2)}
        .slip-code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:1.25rem;letter-spacing:.08em;font-weight:700}
        .slip-options{list-style:none;padding:0}
        .slip-options li{min-height:2rem}
        .slip-box{display:inline-block;width:1.4rem;height:1.4rem;border:2px solid var(--ink);vertical-align:middle;margin-right:var(--s2)}
        @media print{header.site,footer,.skip,.no-print{display:none}body{background:#fff}.slip{margin:0 0 .5cm}}
        """
}
