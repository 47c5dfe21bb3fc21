#!/usr/bin/env python3
"""Convert a recpub content folder into an equivalent Hugo site, for bench/run.sh.

    python3 bench/hugo-site.py CONTENT_DIR HUGO_SITE_DIR [--static DIR]

CONTENT_DIR is a folder in recpub's format (README "The content format"), e.g. one written by
`recpub synth`. HUGO_SITE_DIR must not exist or be empty; it receives a complete Hugo site
(config, content, data, layouts, static) that `hugo --source HUGO_SITE_DIR` builds into pages
comparable to `recpub build`'s:

| recpub page / file                          | Hugo equivalent                                   |
| ------------------------------------------- | ------------------------------------------------- |
| /recommendations/<id>/                      | regular page (single.html)                        |
| /parties/<slug>/ (every rec, in 5 groups)   | term of taxonomy `parties` (parties/term.html)    |
| /parties/<slug>/recommendations.csv         | custom output format PartyCSV of that term        |
| /sections/<id>/, /levels/<id>/              | terms of taxonomies `sections`, `levels`          |
| /recommendations/, /parties/, /sections/... | section list page, taxonomy pages                 |
| / with the Party x section matrix           | home (index.html)                                 |
| /about/, /cite/, /data/                     | content pages (type "page")                       |
| data/recommendations.{json,csv}, parties.json | custom output formats of home                   |
| search/index.<hash>.json (inverted index)   | search/index.json: documents (title, url, plain   |
|                                             | text), the usual Hugo + Lunr/Fuse idiom           |
| sitemap.xml, robots.txt, 404.html, static/  | Hugo's own (RSS disabled: recpub writes none)     |

Known differences (see also README "Performance"): Hugo does not check internal links and
does not build an inverted search index (it only dumps texts); prev/next on a recommendation
page follows the global order (section, number), so it crosses section boundaries where
recpub's stops; the citation and a few labels are simplified. Per-page content is otherwise the
same: text with footnotes, addressee links per sector list, level and section links, and a
Party page lists every recommendation, grouped as recpub groups them (so both tools do
43 x N list items of work).

Python 3.11+ standard library only (tomllib).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tomllib
from pathlib import Path

FRONT = re.compile(r"\A\ufeff?\+\+\+\r?\n(.*?)\r?\n\+\+\+\r?\n?(.*)\Z", re.S)
REC_ID = re.compile(r"^([IVX]+)-(\d+)$")
QUALIFIER = re.compile(r"\s*\(.*\)\s*$")  # "Belgium (French community)" -> "Belgium"


def split_front(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    m = FRONT.match(text)
    if not m:
        sys.exit(f"{path}: no +++ front matter")
    return tomllib.loads(m.group(1)), m.group(2)


def toml_str(s: str) -> str:
    # JSON string syntax is valid TOML basic-string syntax for everything we emit.
    return json.dumps(s, ensure_ascii=False)


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, str):
        return toml_str(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    raise TypeError(v)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def convert(content: Path, site: Path, static: Path | None) -> int:
    site_toml = tomllib.loads((content / "site.toml").read_text(encoding="utf-8"))
    sections = tomllib.loads((content / "sections.toml").read_text(encoding="utf-8"))["section"]
    order = {s["id"]: i for i, s in enumerate(sections)}

    # Tables go to data/, where templates read them as site.Data.<name>.
    for name in ("sections", "legend", "parties"):
        shutil.copy(content / f"{name}.toml", site / "data" / f"{name}.toml")

    report = site_toml.get("report", {})
    write(site / "hugo.toml", CONFIG.format(
        title=toml_str(site_toml["title"]),
        description=toml_str(site_toml.get("description", "")),
        language=toml_str(site_toml.get("language", "en")),
        report_title=toml_str(report.get("title", "")),
        report_url=toml_str(report.get("url", "")),
        author=toml_str(report.get("author", "")),
    ))

    n = 0
    for path in sorted((content / "recommendations").glob("*.md")):
        fm, body = split_front(path)
        m = REC_ID.match(fm["id"])
        if not m:
            sys.exit(f"{path}: unexpected id {fm['id']!r}")
        sec, num = m.group(1), int(m.group(2))
        add = fm.get("addressees", {})
        scope = add.get("scope", "all")
        # One list per sector or one unnamed list; parties is their union, the
        # taxonomy Hugo builds the Party pages from.
        lists = add.get("sectors") or ([add] if scope == "designated" else [])
        parties: list[str] = []
        for lst in lists:
            for p in lst.get("parties", []):
                name = QUALIFIER.sub("", p)
                if name not in parties:
                    parties.append(name)
        status = "complete"
        for lst in lists:
            if lst.get("list", "complete") != "complete":
                status = lst["list"]
        out = ["+++"]
        out.append(f"title = {toml_str(fm['title'])}")
        out.append(f"rec_id = {toml_str(fm['id'])}")
        # weight orders pages by (section, number), as recpub does.
        out.append(f"weight = {order[sec] * 10000 + num}")
        out.append(f"sec = {toml_str(sec)}")
        out.append(f"level = {toml_str(fm['level'])}")
        out.append(f"scope = {toml_str(scope)}")
        out.append(f"list_status = {toml_str(status)}")
        out.append(f"parties = {toml_value(parties)}")
        out.append(f"sections = {toml_value([sec])}")
        out.append(f"levels = {toml_value([fm['level']])}")
        refs = fm.get("references", {})
        for key in ("recommendations", "articles", "explanatory_report"):
            if refs.get(key):
                out.append(f"ref_{key} = {toml_value(refs[key])}")
        for lst in lists:
            out.append("[[lists]]")
            if "sector" in lst:
                out.append(f"sector = {toml_str(lst['sector'])}")
            if "footnote" in lst:
                out.append(f"footnote = {toml_str(lst['footnote'])}")
            out.append(f"status = {toml_str(lst.get('list', 'complete'))}")
            out.append(f"parties = {toml_value(lst.get('parties', []))}")
        for e in fm.get("editorial", []):
            out.append("[[editorial]]")
            out.append(f"kind = {toml_str(e.get('kind', ''))}")
            out.append(f"note = {toml_str(e.get('note', ''))}")
        out.append("+++")
        write(site / "content" / "recommendations" / f"{fm['id']}.md", "\n".join(out) + "\n" + body)
        n += 1

    write(site / "content" / "recommendations" / "_index.md",
          '+++\ntitle = "Recommendations"\n+++\n')
    # Party CSVs only for Party terms: outputs cascade from the taxonomy page to its terms.
    write(site / "content" / "parties" / "_index.md",
          '+++\ntitle = "Parties"\n[[cascade]]\noutputs = ["HTML", "PartyCSV"]\n'
          '[cascade._target]\nkind = "term"\n+++\n')
    write(site / "content" / "sections" / "_index.md", '+++\ntitle = "Sections"\n+++\n')
    write(site / "content" / "levels" / "_index.md", '+++\ntitle = "Levels"\n+++\n')

    pages = content / "pages"
    if pages.is_dir():
        for path in sorted(pages.glob("*.md")):
            fm, body = split_front(path)
            head = ["+++", f"title = {toml_str(fm.get('title', path.stem))}",
                    f"description = {toml_str(fm.get('description', ''))}",
                    'type = "page"', f"url = \"/{path.stem}/\""]
            if "weight" in fm:
                head.append(f"weight = {fm['weight']}")
            head.append("+++")
            write(site / "content" / f"{path.stem}.md", "\n".join(head) + "\n" + body)

    for rel, text in LAYOUTS.items():
        text = text.strip("\n") + ("" if rel.startswith("partials/") else "\n")
        if "$recs" in text:
            # Only the recommendations, not the content pages (about, cite, data).
            decl = '{{- $recs := where site.RegularPages "Section" "recommendations" -}}'
            if text.startswith("{{ define"):
                text = text.replace("}}", "}}" + decl, 1)
            else:
                text = decl + text
        write(site / "layouts" / rel, text)
    if static is not None and static.is_dir():
        shutil.copytree(static, site / "static", dirs_exist_ok=True)
    return n


CONFIG = """\
baseURL = "/"
title = {title}
languageCode = {language}
enableRobotsTXT = true
# recpub writes no feeds; everything else Hugo makes by default is comparable.
disableKinds = ["RSS"]
timeout = "600s"

[params]
description = {description}
report_title = {report_title}
report_url = {report_url}
author = {author}

[taxonomies]
party = "parties"
section = "sections"
level = "levels"

[mediaTypes."text/csv"]
suffixes = ["csv"]

[outputFormats.RecJSON]
mediaType = "application/json"
baseName = "recommendations"
path = "data"
isPlainText = true
[outputFormats.RecCSV]
mediaType = "text/csv"
baseName = "recommendations"
path = "data"
isPlainText = true
[outputFormats.PartiesJSON]
mediaType = "application/json"
baseName = "parties"
path = "data"
isPlainText = true
[outputFormats.SearchJSON]
mediaType = "application/json"
baseName = "index"
path = "search"
isPlainText = true
[outputFormats.PartyCSV]
mediaType = "text/csv"
baseName = "recommendations"
isPlainText = true

[outputs]
home = ["HTML", "RecJSON", "RecCSV", "PartiesJSON", "SearchJSON"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]
page = ["HTML"]

[markup.goldmark.renderer]
unsafe = false
"""

# Templates. Go templates escape by default, like Tera's auto-escaping; only the Markdown HTML
# (.Content) is trusted, as in recpub.
LAYOUTS = {
    "_default/baseof.html": """
<!doctype html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:site_name" content="{{ site.Title }}">
<link rel="icon" href="{{ "favicon.svg" | relURL }}" type="image/svg+xml">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body class="page">
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
<div class="wrap">
<a class="site-title" href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav class="site-nav" aria-label="Main">
<ul>
<li><a href="{{ "recommendations/" | relURL }}">Recommendations</a></li>
<li><a href="{{ "parties/" | relURL }}">Parties</a></li>
<li><a href="{{ "sections/" | relURL }}">Sections</a></li>
<li><a href="{{ "levels/" | relURL }}">Levels</a></li>
<li><a href="{{ "about/" | relURL }}">About</a></li>
</ul>
</nav>
</div>
</header>
<main id="main" class="wrap" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
<div class="wrap">
<p>The recommendations are the Committee's words, from <a href="{{ site.Params.report_url }}">{{ site.Params.report_title }}</a>. Short titles and notes are editorial.</p>
</div>
</footer>
</body>
</html>
""",
    # recpub's rec_list macro. The item is inlined rather than a partial of its own: a partial
    # call costs Hugo ~40 us, which at 100x (~480k items) would slow Hugo down for no reason.
    "partials/rec-list.html": """
{{ if eq (len .) 0 }}<p class="empty">None.</p>{{ else }}<ul class="rec-list">
{{ range . }}<li class="rec">
<a class="rec-id" href="{{ .RelPermalink }}">{{ .Params.rec_id }}</a>
<span class="badge level-{{ .Params.level }}">{{ .Params.level | title }}</span>
<span class="rec-title">{{ .Title }}</span>
<span class="rec-addressees">{{ if eq .Params.scope "designated" }}{{ len (.Params.parties | default slice) }} designated Parties{{ else if eq .Params.scope "open" }}Parties not already doing so{{ else }}All Parties{{ end }}</span>
</li>
{{ end }}</ul>{{ end }}
""",
    "partials/counts.html": """
<ul class="counts">
{{ $pages := . }}{{ range slice "require" "request" "invite" }}{{ $n := len (where $pages "Params.level" .) }}{{ if gt $n 0 }}<li><span class="badge level-{{ . }}">{{ . | title }}</span> <span class="count">{{ $n }}</span></li>
{{ end }}{{ end }}</ul>
""",
    "partials/section-label.html": """
{{ $id := . }}{{ range site.Data.sections.section }}{{ if eq .id $id }}Section {{ .id }}: {{ .title }}{{ end }}{{ end }}
""",
    "_default/single.html": """
{{ define "main" }}
{{ $sec := .Params.sec }}{{ $level := .Params.level }}
<nav class="breadcrumb" aria-label="Breadcrumb">
<ol>
<li><a href="{{ "/" | relURL }}">Home</a></li>
<li><a href="{{ printf "sections/%s/" (lower $sec) | relURL }}">{{ partial "section-label.html" $sec }}</a></li>
<li><a href="{{ .RelPermalink }}" aria-current="page">{{ .Params.rec_id }}</a></li>
</ol>
</nav>
<article class="recommendation">
<header class="rec-header">
<h1><span class="rec-id">Recommendation {{ .Params.rec_id }}</span> <span class="rec-title">{{ .Title }}</span></h1>
<p class="title-note">The short title is editorial, not the Committee's words.</p>
<dl class="facts">
<dt>Level</dt>
<dd>{{ range site.Data.legend.level }}{{ if eq .id $level }}<a class="badge level-{{ .id }}" href="{{ printf "levels/%s/" .id | relURL }}">{{ .label }}</a> <span class="level-description">{{ .description }}</span>{{ end }}{{ end }}</dd>
<dt>Section</dt>
<dd><a href="{{ printf "sections/%s/" (lower $sec) | relURL }}">{{ partial "section-label.html" $sec }}</a></dd>
</dl>
</header>
<section class="addressees scope-{{ .Params.scope }}" aria-labelledby="addressees">
{{ $scope := .Params.scope }}{{ range site.Data.legend.concern }}{{ if eq .id $scope }}<h2 id="addressees">Addressed to: {{ .label }}</h2>
<p class="explanation">{{ .description }}</p>{{ end }}{{ end }}
{{ range .Params.lists }}<div class="party-list list-{{ .status }}">
{{ with .sector }}{{ $s := . }}{{ range site.Data.legend.sector }}{{ if eq .id $s }}<h3>{{ .label }}</h3>{{ end }}{{ end }}
{{ end }}{{ if ne .status "complete" }}<p class="warning"><strong>The list in the source is incomplete.</strong></p>
{{ end }}{{ with .parties }}<ul class="parties">
{{ range . }}<li><a href="{{ printf "parties/%s/" (urlize (replaceRE `\\s*\\(.*\\)\\s*$` "" .)) | relURL }}">{{ . }}</a></li>
{{ end }}</ul>
{{ end }}{{ with .footnote }}<p class="source-note">Source: footnote <a href="#fn:{{ . }}">{{ . }}</a>.</p>
{{ end }}</div>
{{ end }}</section>
<section class="rec-text" aria-labelledby="text">
<h2 id="text">Text</h2>
{{ .Content }}
</section>
{{ with .Params.editorial }}<section class="editorial" aria-labelledby="editorial">
<h2 id="editorial">Editorial notes</h2>
{{ range . }}<div class="note note-{{ .kind }}"><p class="note-kind">{{ .kind | title }}</p>{{ .note | markdownify }}</div>
{{ end }}</section>{{ end }}
<section class="cite" aria-labelledby="cite">
<h2 id="cite">Cite</h2>
<p class="citation">{{ site.Params.author }}, {{ site.Params.report_title }}, Recommendation {{ .Params.rec_id }}, {{ .Permalink }}</p>
<p><a class="copy-link" href="{{ .RelPermalink }}">Permalink to Recommendation {{ .Params.rec_id }}</a></p>
</section>
<nav class="prev-next" aria-label="Within the section">
<ul>
{{ with .NextInSection }}<li class="prev"><a href="{{ .RelPermalink }}" rel="prev"><span class="dir">Previous</span> {{ .Params.rec_id }}: {{ .Title }}</a></li>
{{ end }}{{ with .PrevInSection }}<li class="next"><a href="{{ .RelPermalink }}" rel="next"><span class="dir">Next</span> {{ .Params.rec_id }}: {{ .Title }}</a></li>
{{ end }}</ul>
</nav>
</article>
{{ end }}
""",
    "page/single.html": """
{{ define "main" }}
<article class="content-page">
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>
{{ end }}
""",
    # /recommendations/: every recommendation, by section.
    "_default/list.html": """
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ partial "counts.html" .Pages }}
{{ range .Pages.GroupByParam "sec" }}<section>
<h2><a href="{{ printf "sections/%s/" (lower .Key) | relURL }}">{{ partial "section-label.html" .Key }}</a></h2>
{{ partial "rec-list.html" .Pages }}
</section>
{{ end }}
{{ end }}
""",
    # /sections/<id>/, /levels/<id>/
    "_default/term.html": """
{{ define "main" }}
<h1>{{ if eq .Data.Plural "sections" }}{{ partial "section-label.html" (upper .Data.Term) }}{{ else }}{{ .Title | title }}{{ end }}</h1>
<p class="lead">{{ len .Pages }} recommendations.</p>
{{ partial "counts.html" .Pages }}
{{ partial "rec-list.html" .Pages }}
{{ end }}
""",
    # /parties/<slug>/: every recommendation in recpub's five groups.
    "parties/term.html": """
{{ define "main" }}
{{ $name := .Title }}
{{ $designated := .Pages }}
{{ $all := where $recs "Params.scope" "all" }}
{{ $open := where $recs "Params.scope" "open" }}
{{ $dscope := where (where $recs "Params.scope" "designated") "Params.list_status" "complete" }}
{{ $notd := complement $designated $dscope }}
{{ $uncertain := complement $designated (where (where $recs "Params.scope" "designated") "Params.list_status" "!=" "complete") }}
<h1>{{ $name }}</h1>
<p class="lead">Every recommendation of the report, grouped by how it concerns {{ $name }}.</p>
<p class="download"><a href="recommendations.csv">Download this list as CSV</a></p>
<nav class="toc" aria-label="Groups on this page"><ul>
<li><a href="#designated">(a) Designated by name</a>: {{ len $designated }}</li>
<li><a href="#all">(b) Addressed to all Parties</a>: {{ len $all }}</li>
<li><a href="#open">(c) Open: {{ $name }} assesses whether they apply</a>: {{ len $open }}</li>
<li><a href="#not-designated">(d) Designated recommendations that do not include {{ $name }}</a>: {{ len $notd }}</li>
<li><a href="#uncertain">(e) List incomplete or missing in the source</a>: {{ len $uncertain }}</li>
</ul></nav>
<section class="group group-designated" aria-labelledby="designated">
<h2 id="designated">(a) Designated by name <span class="total">({{ len $designated }})</span></h2>
{{ partial "counts.html" $designated }}
{{ range $designated.GroupByParam "sec" }}<h3 id="designated-{{ lower .Key }}">{{ partial "section-label.html" .Key }}</h3>
{{ partial "rec-list.html" .Pages }}
{{ end }}</section>
{{ range slice (slice "all" "(b) Addressed to all Parties" $all) (slice "open" "(c) Open" $open) (slice "not-designated" "(d) Designated, not including this Party" $notd) (slice "uncertain" "(e) List incomplete or missing" $uncertain) }}
<section class="group group-{{ index . 0 }}" aria-labelledby="{{ index . 0 }}">
<h2 id="{{ index . 0 }}">{{ index . 1 }} <span class="total">({{ len (index . 2) }})</span></h2>
{{ if gt (len (index . 2)) 0 }}{{ partial "counts.html" (index . 2) }}{{ end }}
{{ partial "rec-list.html" (index . 2) }}
</section>
{{ end }}
{{ end }}
""",
    "parties/term.partycsv.csv": """
{{- $name := .Title -}}
group,id,level,section,title,list_status,permalink
{{ range .Pages }}designated,{{ .Params.rec_id }},{{ .Params.level }},{{ .Params.sec }},"{{ replace .Title `"` `""` }}",{{ .Params.list_status }},{{ .RelPermalink }}
{{ end }}{{ range where $recs "Params.scope" "all" }}all,{{ .Params.rec_id }},{{ .Params.level }},{{ .Params.sec }},"{{ replace .Title `"` `""` }}",{{ .Params.list_status }},{{ .RelPermalink }}
{{ end }}{{ range where $recs "Params.scope" "open" }}open,{{ .Params.rec_id }},{{ .Params.level }},{{ .Params.sec }},"{{ replace .Title `"` `""` }}",{{ .Params.list_status }},{{ .RelPermalink }}
{{ end }}
""",
    # /parties/, /sections/, /levels/
    "_default/taxonomy.html": """
{{ define "main" }}
<h1>{{ .Title }}</h1>
<div class="table-scroll"><table class="data-table">
<thead><tr><th scope="col">{{ .Title }}</th><th scope="col">Recommendations</th></tr></thead>
<tbody>
{{ range .Data.Terms.Alphabetical }}<tr><th scope="row"><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></th><td>{{ .Count }}</td></tr>
{{ end }}</tbody>
</table></div>
{{ end }}
""",
    # Home: level legend, sections, the Party x section matrix.
    "index.html": """
{{ define "main" }}
<h1>{{ site.Title }}</h1>
<p class="lead">{{ site.Params.description }}</p>
<p>Browse them <a href="{{ "recommendations/" | relURL }}">all {{ len $recs }}</a>.</p>
<section aria-labelledby="legend"><h2 id="legend">Levels</h2>
<dl class="legend">
{{ range site.Data.legend.level }}<dt><a class="badge level-{{ .id }}" href="{{ printf "levels/%s/" .id | relURL }}">{{ .label }}</a> <span class="total">{{ len (where $recs "Params.level" .id) }} recommendations</span></dt>
<dd>{{ .description }}</dd>
{{ end }}</dl></section>
<section aria-labelledby="sections"><h2 id="sections">Sections</h2>
<ul class="section-list">
{{ range site.Data.sections.section }}<li><a href="{{ printf "sections/%s/" (lower .id) | relURL }}">Section {{ .id }}: {{ .title }}</a> <span class="total">({{ len (where $recs "Params.sec" .id) }})</span></li>
{{ end }}</ul></section>
<section aria-labelledby="matrix"><h2 id="matrix">Parties and sections</h2>
<div class="table-scroll"><table class="matrix">
<thead><tr><th scope="col">Party</th>{{ range site.Data.sections.section }}<th scope="col">{{ .id }}</th>{{ end }}</tr></thead>
<tbody>
{{ range site.Data.parties.party }}{{ $p := site.GetPage (printf "/parties/%s" .slug) }}{{ $pages := cond (ne $p nil) $p.Pages slice }}<tr><th scope="row"><a href="{{ printf "parties/%s/" .slug | relURL }}">{{ .name }}</a></th>{{ range site.Data.sections.section }}{{ $in := where $pages "Params.sec" .id }}{{ $n := len $in }}{{ if gt $n 0 }}{{ $lvl := cond (gt (len (where $in "Params.level" "require")) 0) "require" (cond (gt (len (where $in "Params.level" "request")) 0) "request" "invite") }}<td class="lvl-{{ $lvl }}"><a href="{{ $p.RelPermalink }}#designated-{{ lower .id }}"><span class="n">{{ $n }}</span></a></td>{{ else }}<td class="none"><span class="n">0</span></td>{{ end }}{{ end }}</tr>
{{ end }}</tbody>
</table></div></section>
{{ end }}
""",
    "index.recjson.json": """
{{- $out := slice -}}
{{- range $recs -}}
{{- $out = $out | append (dict "id" .Params.rec_id "section" .Params.sec "level" .Params.level "scope" .Params.scope "parties" .Params.parties "list_status" .Params.list_status "title" .Title "text" .Plain "url" .Permalink) -}}
{{- end -}}
{{- $out | jsonify -}}
""",
    "index.reccsv.csv": """
id,section,level,scope,parties,list_status,title,text,url
{{ range $recs }}{{ .Params.rec_id }},{{ .Params.sec }},{{ .Params.level }},{{ .Params.scope }},"{{ delimit (.Params.parties | default slice) "; " }}",{{ .Params.list_status }},"{{ replace .Title `"` `""` }}","{{ replace .Plain `"` `""` }}",{{ .Permalink }}
{{ end }}
""",
    "index.partiesjson.json": """
{{- $out := slice -}}
{{- range site.Data.parties.party -}}
{{- $p := site.GetPage (printf "/parties/%s" .slug) -}}
{{- $ids := slice -}}{{- with $p -}}{{- range .Pages -}}{{- $ids = $ids | append .Params.rec_id -}}{{- end -}}{{- end -}}
{{- $out = $out | append (dict "slug" .slug "name" .name "iso" .iso "designated" $ids) -}}
{{- end -}}
{{- $out | jsonify -}}
""",
    "index.searchjson.json": """
{{- $out := slice -}}
{{- range $recs -}}
{{- $out = $out | append (dict "id" .Params.rec_id "title" .Title "url" .RelPermalink "level" .Params.level "section" .Params.sec "text" .Plain) -}}
{{- end -}}
{{- $out | jsonify -}}
""",
    "404.html": """
{{ define "main" }}<h1>Page not found</h1><p><a href="{{ "/" | relURL }}">Home</a></p>{{ end }}
""",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("content", type=Path, help="recpub content folder")
    ap.add_argument("site", type=Path, help="Hugo site folder to create (must be new or empty)")
    ap.add_argument("--static", type=Path, default=None,
                    help="folder copied to the site root (e.g. themes/default/static)")
    args = ap.parse_args()
    if args.site.exists() and any(args.site.iterdir()):
        sys.exit(f"{args.site}: exists and is not empty")
    (args.site / "data").mkdir(parents=True, exist_ok=True)
    n = convert(args.content, args.site, args.static)
    print(f"wrote Hugo site with {n} recommendations to {args.site}")


if __name__ == "__main__":
    main()
