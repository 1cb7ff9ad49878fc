"""The page leadership opens: self-contained, complete, printable, and checked in a real browser
(headless Chromium from the system, driven by Playwright; never a browser download)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run

FIGURES = """target,period,value,status,note,level,prior
gdp,2023-03,5.2,final,,,
gdp,2023-06,,provisional,,178.5,170
exports,2023-06,8.1,provisional,,,
fdi,2023-03,600,final,,,
fdi,2023-06,1300,final,验资口径,,
urban_investment,2023-06,120,final,,,
farmland,2023-05,1200,final,,,
little_giants,2023-06,2,final,,,
energy_saving,2023-06,in-progress,final,,,
national_high_tech,2023-06,20,final,,,
grain_area,2023-06,2.85万亩,final,,,
income_per_capita,2023-06,6.3,final,,,
school_places,2023-06,300,final,,,
"""


@pytest.fixture
def recorded(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_text(FIGURES, encoding="utf-8")
    assert run(["import", str(path)]).exit_code == 0


def _page(run: Run, tmp_path: Path, lang: str) -> Path:
    out = tmp_path / f"report-{lang}.html"
    result = run(["export", "--output", str(out), "--lang", lang])
    assert result.exit_code == 0, result.output
    return out


def test_the_page_is_self_contained(run: Run, recorded: None, tmp_path: Path) -> None:
    html = _page(run, tmp_path, "zh").read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r"(src|href)\s*=", html)
    assert not re.search(r"url\(", html)
    assert html.count("<svg") >= 10  # sparklines and the two charts, drawn inline


def test_the_page_says_what_leadership_needs(run: Run, recorded: None, tmp_path: Path) -> None:
    html = _page(run, tmp_path, "zh").read_text(encoding="utf-8")
    for text in (
        "洛江区2023年主要经济指标完成情况表（截至2023年1-6月）",
        "泉州经济网",
        "需要关注的指标（滞后在前）",
        "完成进度与序时进度",
        "增速与目标",
        "※ 1-5月（未更新）",  # farmland's late figure
        "* 推算",  # gdp's rate derived from its levels
        "验资口径",
    ):
        assert text in html, text
    summary = html[html.index('class="summary"') : html.index("</ul>")]
    # farmland's May figure is judged at the table's June pace: 37.5 % against 50.0 %, behind
    assert "★ 已完成</span> 1" in summary and "▼ 滞后</span> 6" in summary
    assert "○ 进行中</span> 2" in summary  # grain area and output: once a year
    english = _page(run, tmp_path, "en").read_text(encoding="utf-8")
    assert "Completion against time-elapsed pace" in english and "Jan–Jun 2023" in english


def test_the_page_is_written_for_ten_thousand_targets_too(run: Run, tmp_path: Path) -> None:
    """A chart draws the forty furthest behind; the table holds every target."""
    from targettrack.store import open_store
    from tests.conftest import new_figure, write_amount_catalogue

    targets = 10_000
    catalogue = write_amount_catalogue(tmp_path / "2023.toml", targets)
    db = tmp_path / "many.db"
    with open_store(db) as store, store.writing() as writer:
        # target t00000 has 0 of 100 by June, t00001 has 1 and so on up to 99, then again
        writer.append(
            [
                (new_figure("many", 2023, f"t{i:05d}", 6, str(i % 100), "个"), 1)
                for i in range(targets)
            ]
        )
    out = tmp_path / "many.html"
    command = ["export", "--targets", str(catalogue), "--db", str(db), "--output", str(out)]
    assert run([*command, "--lang", "en"]).exit_code == 0
    page = out.read_text(encoding="utf-8")
    table = page[page.index("<table") : page.index("</table>")]
    assert table.count('<th scope="row"') == targets  # every target has its row
    chart = page[page.index('id="completion-title"') :]
    chart = chart[: chart.index("</section>")]
    bars = re.findall(r"<text[^>]*>(Target \d+)</text>", chart)
    assert len(bars) == 40  # the forty furthest behind: those with 0 of 100, first
    assert all(int(name.split()[1]) % 100 == 0 for name in bars)
    assert "9960 more targets are in the table above." in chart


# -- in a real browser ---------------------------------------------------------------------------


_OVERFLOW = """() => {
  const limit = document.documentElement.clientWidth + 1;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > limit)
    .map(e => e.tagName + (e.id ? '#' + e.id : ''));
  return {scroll: document.documentElement.scrollWidth, client: limit - 1, wide: wide};
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_in_a_browser_every_target_shows_nothing_is_fetched_and_nothing_overflows(
    run: Run, recorded: None, tmp_path: Path, browser: Any, lang: str, artifacts: Path
) -> None:
    from targettrack.catalogue.loading import load_catalogues

    path = _page(run, tmp_path, lang)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    text = page.inner_text("body")
    catalogue = load_catalogues().get(2023)
    for target in catalogue.targets:
        row = page.locator(f"#t-{target.id}")
        assert row.count() == 1, target.id
        assert target.name(lang) in row.inner_text(), target.id
    verdicts = page.locator("td.v").all_inner_texts()
    assert len(verdicts) == len(catalogue.targets)
    assert all(v.split(" ", 1)[0] in "★√○△▼×·" for v in verdicts)  # a symbol beside every word
    assert ("滞后" if lang == "zh" else "behind") in text
    assert requests == [path.as_uri()]  # the page itself, and nothing else
    measured = page.evaluate(_OVERFLOW)
    assert measured["scroll"] <= measured["client"] and measured["wide"] == [], measured
    page.screenshot(path=str(artifacts / f"report-{lang}-1280.png"), full_page=True)
    page.close()


def test_printed_on_a4_landscape_nothing_overflows_and_the_header_repeats(
    run: Run, recorded: None, tmp_path: Path, browser: Any, artifacts: Path
) -> None:
    path = _page(run, tmp_path, "zh")
    # the printable width of A4 landscape with 12 mm margins: 273 mm at 96 px an inch
    page = browser.new_page(viewport={"width": 1032, "height": 700})
    page.emulate_media(media="print")
    page.goto(path.as_uri())
    measured = page.evaluate(_OVERFLOW)
    assert measured["scroll"] <= measured["client"] and measured["wide"] == [], measured
    repeats = page.evaluate(
        "() => getComputedStyle(document.querySelector('table.status thead')).display"
    )
    assert repeats == "table-header-group"
    kept = page.evaluate(
        "() => getComputedStyle(document.querySelector('table.status tbody tr')).breakInside"
    )
    assert kept == "avoid"
    pdf = page.pdf(format="A4", landscape=True, print_background=True)
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 2
    (artifacts / "report-zh-a4.pdf").write_bytes(pdf)
    page.close()


def test_chinese_text_is_drawn_in_a_cjk_font_not_boxes(
    run: Run, recorded: None, tmp_path: Path, browser: Any
) -> None:
    path = _page(run, tmp_path, "zh")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(path.as_uri())
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    cdp.send("CSS.enable")
    for selector in ("h1", "#t-fdi th", "td.v", "svg text"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        families = {font["familyName"] for font in fonts}
        assert any("CJK" in family or "Han" in family for family in families), (selector, fonts)
    page.close()


def test_charts_have_titles_text_alternatives_and_real_table_headers(
    run: Run, recorded: None, tmp_path: Path, browser: Any
) -> None:
    path = _page(run, tmp_path, "en")
    page = browser.new_page()
    page.goto(path.as_uri())
    charts = page.locator("figure svg[role=img]")
    assert charts.count() == 2
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.locator("title").count() == 1 and chart.locator("desc").count() == 1
    hidden_tables = page.locator("table.visually-hidden")
    assert hidden_tables.count() == 2
    assert page.locator("table.status thead th[scope=col]").count() == 13  # with 全年预计
    assert page.locator("table.status tbody th[scope=row]").count() == 28
    contrast = page.evaluate(
        """() => {
          const lum = c => { const [r, g, b] = c.match(/\\d+/g).slice(0, 3).map(v => {
              v = v / 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
          return [...document.querySelectorAll('td.v')].map(e => {
            const s = getComputedStyle(e); const a = lum(s.color), b = lum(s.backgroundColor);
            return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); });
        }"""
    )
    assert min(contrast) >= 4.5, min(contrast)  # WCAG AA for normal text
    page.close()


_BREAKS = """() => {
  const rows = node => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
  };
  const figures = [...document.querySelectorAll('table.status td.num')]
    .filter(td => td.firstChild && td.firstChild.nodeType === Node.TEXT_NODE);
  return {
    broken: figures.filter(td => rows(td.firstChild) > 1).map(td => td.firstChild.textContent),
    spilled: figures.filter(td => td.scrollWidth > td.clientWidth + 1).map(td => td.textContent),
    heads: [...document.querySelectorAll('table.status thead th')]
      .filter(th => !/\\s/.test(th.textContent.trim()) && rows(th) > 1)
      .map(th => th.textContent.trim()),
  };
}"""


@pytest.mark.parametrize(("width", "media"), [(1280, "screen"), (1032, "print")])
def test_a_figure_keeps_its_unit_and_a_header_its_words(
    run: Run, recorded: None, tmp_path: Path, browser: Any, width: int, media: str
) -> None:
    path = _page(run, tmp_path, "zh")
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.emulate_media(media=media)
    page.goto(path.as_uri())
    found = page.evaluate(_BREAKS)
    page.close()
    assert found == {"broken": [], "spilled": [], "heads": []}, found


def test_the_chinese_page_is_punctuated_and_dated_the_chinese_way(
    run: Run, recorded: None, tmp_path: Path
) -> None:
    import html as markup

    page = _page(run, tmp_path, "zh").read_text(encoding="utf-8")
    body = re.sub(r"<style.*?</style>", "", page, flags=re.S)
    said = re.findall(r">([^<>]+)<", body) + re.findall(r'aria-label="([^"]*)"', body)
    western = re.compile(r"[\u4e00-\u9fff%] ?[():,;]|[():,;] ?[\u4e00-\u9fff]|\d{4}-\d\d-\d\d")
    wrong = [t for t in map(markup.unescape, said) if western.search(t)]
    assert not wrong, wrong
    assert "泉州经济网 · 2023年1月6日" in page  # the source's date as the office writes it
    assert "个百分点）" in page and "逐月走势：" in page
