"""The notebooks in a real browser: JupyterLab in headless Chromium, driven like a student
and like an instructor (fixtures in conftest.py).

For every notebook (discovered at collection time): open it, clear the stored outputs,
Run All Cells from the menu, wait for the kernel to finish, and require no error output
and every widget rendered. Then drive every widget found in the page: each slider is
moved by keyboard and each Play button pressed, and the readout and the plotted image
(its bytes, behind the ``src`` URL) must change. One notebook (the overview) is opened as
a RISE slideshow with the toolbar button, and the slides must advance; then the whole deck
is stepped through at 1280x720 with one screenshot per slide, and a code cell is run live
on its slide with Ctrl+Enter. A last test records (as an expected failure) that the RISE
slideshow cannot show live ipywidgets with the versions installed here.

Screenshots are written to the folder printed at the start (see conftest.py).
"""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import nbformat
import pytest

# the same folder the conftest copies for the server
NOTEBOOK_DIR = Path(os.environ.get("BROWSER_TEST_NOTEBOOKS") or Path(__file__).resolve().parents[2] / "notebooks")

RUN_TIMEOUT = float(os.environ.get("BROWSER_NOTEBOOK_TIMEOUT", "300"))
CHANGE_TIMEOUT = 20.0  # seconds a widget may take to redraw after a key press or Play
# a cell's own output that holds a rendered widget (not outputs nested in an Output widget)
WIDGET_OUTPUT = ".jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output:has(> .jupyter-widgets)"
IMAGES = "img.widget-image, .widget-output img"

# ---------------------------------------------------------------- page helpers (JS)

# State of the notebook in the current tab, read from JupyterLab's own model.
NOTEBOOK_STATE = """() => {
  const app = window.jupyterapp;
  const panel = app && app.shell.currentWidget;
  if (!panel || !panel.content || !panel.content.model || !panel.sessionContext) return null;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const cells = [];
  const list = panel.content.model.cells;
  for (let i = 0; i < list.length; i++) {
    const cell = list.get(i);
    if (cell.type !== 'code') continue;
    const outputs = [];
    for (let j = 0; j < cell.outputs.length; j++) outputs.push(cell.outputs.get(j).toJSON());
    cells.push({index: i, source: cell.sharedModel.getSource(), count: cell.executionCount, outputs});
  }
  return {path: panel.context.path, kernel: kernel ? kernel.status : 'none',
          ready: panel.sessionContext.isReady, cells};
}"""

# Content fingerprints (length + FNV-1a) of the images inside one widget output.
IMAGE_HASHES = """async (root) => {
  const out = [];
  for (const img of root.querySelectorAll('img.widget-image, .widget-output img')) {
    try {
      const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
      let h = 0x811c9dc5;
      for (let i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
      out.push(bytes.length + ':' + h.toString(16));
    } catch (e) { out.push('unreadable:' + img.src); }
  }
  return out;
}"""


def notebook_state(page):
    return page.evaluate(NOTEBOOK_STATE)


def accept_dialogs(page):
    """Accept a dialog (e.g. "Select Kernel") if one blocks the notebook."""
    dialog = page.locator(".jp-Dialog .jp-mod-accept")
    if dialog.count():
        dialog.first.click()


def open_notebook(page, lab, name):
    page.goto(lab.url(name))
    deadline = time.monotonic() + 90
    while True:
        state = notebook_state(page)
        if state and state["path"].endswith(name) and state["ready"] and state["kernel"] == "idle":
            return state
        if time.monotonic() > deadline:
            raise AssertionError(f"{name}: the notebook or its kernel was not ready in 90 s: {state and state['kernel']}")
        accept_dialogs(page)
        time.sleep(0.25)


def menu(page, top, item):
    """Click a JupyterLab menu entry, as a student would."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{top}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{item}$")).click()


def run_all(page, name):
    """Clear the stored outputs, Run All Cells, wait until every cell ran or one failed."""
    menu(page, "Edit", "Clear Outputs of All Cells")
    menu(page, "Run", "Run All Cells")
    deadline = time.monotonic() + RUN_TIMEOUT
    while True:
        state = notebook_state(page)
        todo = [c for c in state["cells"] if c["source"].strip() and c["count"] is None]
        failed = any(o.get("output_type") == "error" for c in state["cells"] for o in c["outputs"])
        if state["kernel"] == "idle" and (not todo or failed):
            running = page.locator(".jp-InputPrompt", has_text="[*]").count()
            if running == 0:
                return state
        if time.monotonic() > deadline:
            raise AssertionError(f"{name}: Run All did not finish in {RUN_TIMEOUT:.0f} s; "
                                 f"{len(todo)} cells not run, kernel {state['kernel']}")
        time.sleep(0.3)


def errors_in(state):
    found = []
    for cell in state["cells"]:
        for out in cell["outputs"]:
            if out.get("output_type") == "error":
                found.append(f"cell {cell['index']}: {out.get('ename')}: {out.get('evalue')}")
            elif out.get("name") == "stderr" and "Traceback" in "".join(out.get("text", "")):
                found.append(f"cell {cell['index']}: traceback on stderr")
    return found


def readouts(area):
    return [r.strip() for r in area.locator(".widget-readout").all_inner_texts()]


def wait_for_change(area, values, before_values, before_images, need_image, what):
    """Poll until ``values()`` (readouts, slider positions) and, if the widget shows a plot,
    the plotted image differ from before."""
    deadline = time.monotonic() + CHANGE_TIMEOUT
    while True:
        now = values()
        images = area.evaluate(IMAGE_HASHES)
        values_ok = now != before_values
        image_ok = not need_image or (images != before_images and not any(i.startswith("unreadable") for i in images))
        if values_ok and image_ok:
            return now, images
        if time.monotonic() > deadline:
            problems = []
            if not values_ok:
                problems.append(f"the readout stayed {now}")
            if not image_ok:
                problems.append("the plotted image did not change")
            raise AssertionError(f"{what}: {' and '.join(problems)} within {CHANGE_TIMEOUT:.0f} s")
        time.sleep(0.2)


def drive_widgets(page, area, name, k, shot_prefix):
    """Move every slider by keyboard, press every Play, switch every toggle/dropdown of one
    widget output; each must change what the widget shows. Returns how many were driven."""
    has_image = area.locator(IMAGES).count() > 0
    driven = 0

    sliders = area.locator(".widget-hslider")
    for s in range(sliders.count()):
        slider = sliders.nth(s)
        label = slider.locator(".widget-label").first.inner_text().strip() or f"slider {s}"
        handle = slider.locator(".noUi-handle").first

        def values():  # the readouts and where the handle sits (also without a readout)
            return readouts(area) + [handle.get_attribute("aria-valuenow")]

        now = float(handle.get_attribute("aria-valuenow") or 0)
        top = float(handle.get_attribute("aria-valuemax") or 0)
        before, before_images = values(), area.evaluate(IMAGE_HASHES)
        handle.focus()
        handle.press("ArrowLeft" if now >= top else "ArrowRight")
        wait_for_change(area, values, before, before_images, has_image,
                        f"{name}: widget {k}, moving '{label}' by keyboard")
        driven += 1
    if sliders.count():
        area.scroll_into_view_if_needed()
        page.screenshot(path=f"{shot_prefix}-slider.png")

    plays = area.locator(".widget-play")
    for p in range(plays.count()):
        button = plays.nth(p).locator("button").first
        before, before_images = readouts(area), area.evaluate(IMAGE_HASHES)
        button.click()
        try:
            if before:  # a linked slider shows the step
                wait_for_change(area, lambda: readouts(area), before, before_images, has_image,
                                f"{name}: widget {k}, pressing Play")
            else:
                wait_for_change(area, lambda: area.evaluate(IMAGE_HASHES), before_images, before_images,
                                has_image, f"{name}: widget {k}, pressing Play")
        finally:
            button.click()  # pause again, so nothing keeps redrawing
        driven += 1
    if plays.count():
        page.screenshot(path=f"{shot_prefix}-played.png")

    def active_toggles():
        return area.locator(".widget-toggle-buttons button.mod-active").all_inner_texts()

    toggles = area.locator(".widget-toggle-buttons")
    for t in range(toggles.count()):
        other = toggles.nth(t).locator("button:not(.mod-active)").first
        before, before_images = active_toggles(), area.evaluate(IMAGE_HASHES)
        choice = other.inner_text().strip()
        other.click()
        wait_for_change(area, active_toggles, before, before_images, has_image,
                        f"{name}: widget {k}, choosing '{choice}'")
        driven += 1

    selects = area.locator(".widget-dropdown select")
    for d in range(selects.count()):
        select = selects.nth(d)
        options = select.locator("option").all_inner_texts()
        current = select.evaluate("e => e.options[e.selectedIndex] ? e.options[e.selectedIndex].text : ''")
        others = [o for o in options if o != current]
        if not others:
            continue
        before_images = area.evaluate(IMAGE_HASHES)
        select.select_option(label=others[0])
        wait_for_change(area, lambda: select.evaluate("e => e.options[e.selectedIndex].text"), current,
                        before_images, has_image, f"{name}: widget {k}, choosing '{others[0]}'")
        driven += 1
    if toggles.count() or selects.count():
        page.screenshot(path=f"{shot_prefix}-chosen.png")
    return driven


def slide_cells(name):
    nb = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    return [c for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") == "slide"]


# ---------------------------------------------------------------------- the tests

def test_notebook_runs_and_widgets_respond(page, lab, screenshot_dir, notebook_name):
    name = notebook_name
    open_notebook(page, lab, name)
    state = run_all(page, name)
    errors = errors_in(state)
    assert not errors, f"{name}: error output after Run All:\n" + "\n".join(errors)
    stem = name.removesuffix(".ipynb")

    # every widget output rendered as a live widget (not "Error displaying widget")
    areas = page.locator(WIDGET_OUTPUT)
    n_widgets = sum(1 for c in state["cells"] for o in c["outputs"]
                    if "application/vnd.jupyter.widget-view+json" in o.get("data", {}))
    assert areas.count() == n_widgets, f"{name}: {n_widgets} widget outputs in the model, {areas.count()} in the page"
    for k in range(n_widgets):
        area = areas.nth(k)
        area.locator(".jupyter-widgets").first.wait_for(state="attached", timeout=15_000)
        assert "Error displaying widget" not in area.inner_text(), f"{name}: widget {k} failed to display"

    if n_widgets:
        areas.first.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / f"{stem}.png"))

    driven = sum(drive_widgets(page, areas.nth(k), name, k, str(screenshot_dir / f"{stem}-widget{k}"))
                 for k in range(n_widgets))
    print(f"{name}: ran clean, {n_widgets} widgets, {driven} controls driven")


def slide_hash(frame):
    """RISE names positions #/slide-<slide>-<subslide>[/<fragment>]."""
    return frame.evaluate("() => location.hash")


def press_and_wait(frame, key, timeout=5.0):
    """Press a key in the slideshow; return the new position (unchanged at the end of the deck)."""
    before = slide_hash(frame)
    frame.locator("body").press(key)
    deadline = time.monotonic() + timeout
    while slide_hash(frame) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    return slide_hash(frame)


def settle(page):
    time.sleep(0.9)  # let reveal.js finish its slide transition before a screenshot


# the innermost slide being shown (reveal.js keeps neighbouring slides in the page too)
PRESENT = ".reveal .slides section.present:not(:has(section))"
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"
# what test_rise_slideshow_advances saw of live widgets in the slideshow, per notebook
RISE_WIDGETS_SEEN = {}
# height of the slide being shown, hidden fragments included (they keep their place)
SLIDE_HEIGHT = "() => document.querySelector('.reveal .slides section.present:not(:has(section))').scrollHeight"


def run_live(deck, cell, name):
    """Run a code cell of the slideshow with Ctrl+Enter, as a presenter does; return the
    prompts before and after. Fails if the cell does not run or shows an error."""
    prompt = cell.locator(".jp-InputPrompt").first
    before = prompt.inner_text().strip()
    cell.locator(".jp-InputArea-editor").first.click()
    deck.keyboard.press("Control+Enter")
    deadline = time.monotonic() + 30
    after = before
    while time.monotonic() < deadline:
        after = prompt.inner_text().strip()
        if re.fullmatch(r"\[\d+\]:", after) and after != before:
            break
        time.sleep(0.1)
    else:
        raise AssertionError(f"{name}: Ctrl+Enter in the slideshow did not run the cell (prompt {before} -> {after})")
    text = cell.locator(".jp-OutputArea").first.inner_text()
    assert "Traceback" not in text and "Error" not in text, f"{name}: the cell run live in the slideshow failed: {text[:300]}"
    return before, after


def test_rise_slideshow_advances(page, browser, lab, screenshot_dir, rise_notebook_name):
    name = rise_notebook_name
    code = name[:2]
    n_slides = len(slide_cells(name))
    open_notebook(page, lab, name)
    state = run_all(page, name)  # as an instructor does first: the setup cell is not a slide
    assert not errors_in(state), f"{name}: error output after Run All: {errors_in(state)}"

    # The instructor's way in: select the title cell (RISE starts at the selected cell),
    # then the RISE button in the notebook toolbar, whose tooltip names the Alt+R shortcut.
    # (click its left margin: the middle of the navigation bar is a link to another notebook)
    page.locator(".jp-Notebook .jp-Cell").first.click(position={"x": 8, "y": 8})
    page.keyboard.press("Escape")
    assert notebook_state(page)["path"].endswith(name), f"{name}: another notebook was opened"
    # (the toolbar may also hold a hidden copy of the button in its overflow menu)
    button = page.locator('.jp-NotebookPanel-toolbar [data-jp-item-name="RISE-button"]:visible').first
    button.wait_for(timeout=15_000)
    tip = button.locator("[title]").first.get_attribute("title") or button.get_attribute("title") or ""
    assert "Alt+R" in tip, f"the RISE button's tooltip no longer names the Alt+R shortcut: {tip!r}"
    button.locator("button, jp-button").first.click()

    frame_el = page.locator("iframe[src*='/rise/']")
    frame_el.wait_for(timeout=30_000)
    frame = frame_el.element_handle().content_frame()
    frame.locator(".reveal .slides > section.present").wait_for(timeout=60_000)
    n_sections = frame.locator(".reveal .slides > section").count()
    assert n_sections == n_slides, f"{name}: RISE shows {n_sections} slides for {n_slides} cells of type 'slide'"
    first = slide_hash(frame)
    assert first.startswith("#/slide-0-0"), f"{name}: the slideshow did not open at the title: {first!r}"
    title = frame.locator(".reveal .slides > section.present").inner_text()
    assert f"{code} ·" in title, f"{name}: the first slide does not show the title: {title[:80]!r}"
    settle(page)
    page.screenshot(path=str(screenshot_dir / f"rise-{code}-in-lab.png"))
    nxt = press_and_wait(frame, "Space")
    assert nxt != first, f"{name}: Space did not advance the slideshow (still {first})"
    back = press_and_wait(frame, "Shift+Space")
    assert back == first, f"{name}: Shift+Space did not go back to {first} (at {back})"

    # The whole deck at the size of a projector (1280x720), in its own tab as
    # "Open as Reveal Slideshow" shows it: Space through to the end, one screenshot per slide.
    deck = browser.new_page()
    try:
        deck.set_viewport_size({"width": 1280, "height": 720})
        deck.goto(lab.rise_url(name))
        deck.locator(".reveal .slides > section.present").wait_for(timeout=60_000)
        deck.add_style_tag(content=NO_TRANSITIONS)  # screenshots without waiting for animations
        frame = deck.main_frame
        position = slide_hash(frame)
        visited, shots, ran_live, too_tall = [position], set(), None, []
        widget_cells = stored_widget_cells(name)
        for _ in range(400):
            m = re.match(r"#/slide-(\d+)-(\d+)", position)
            if m and m.group(0) not in shots:
                shots.add(m.group(0))
                time.sleep(0.3)
                deck.screenshot(path=str(screenshot_dir / f"rise-{code}-{m.group(1).zfill(2)}-{m.group(2)}.png"))
                # the slide with all its fragments must fit the 1280x720 screen
                height = deck.evaluate(SLIDE_HEIGHT)
                if height > 720:
                    too_tall.append(f"{m.group(0)} is {height} px high")
            code_here = deck.locator(f"{PRESENT} .jp-CodeCell:visible")
            if ran_live is None and code_here.count():
                # run code live on a slide: the output must appear there
                ran_live = run_live(deck, code_here.first, name)
                deck.keyboard.press("Escape")  # command mode again, so Space moves the slides
                time.sleep(0.3)
                deck.screenshot(path=str(screenshot_dir / f"rise-{code}-ran-live.png"))
            for index in [i for i in widget_cells if name not in RISE_WIDGETS_SEEN]:
                cell = deck.locator(f'{PRESENT} .jp-CodeCell[data-windowed-list-index="{index}"]:visible')
                if cell.count():
                    # rerun a widget cell in the slideshow: does a live widget appear?
                    run_live(deck, cell.first, name)
                    try:
                        cell.first.locator(".jupyter-widgets").first.wait_for(state="attached", timeout=8_000)
                        RISE_WIDGETS_SEEN[name] = True
                    except Exception:
                        RISE_WIDGETS_SEEN[name] = False
                    deck.keyboard.press("Escape")
                    deck.screenshot(path=str(screenshot_dir / f"rise-{code}-widget-cell.png"))
            new = press_and_wait(frame, "Space")
            if new == position:
                break  # the end of the deck
            visited.append(position := new)
        horizontal = {m.group(1) for h in visited if (m := re.match(r"#/slide-(\d+)-", h))}
        assert len(horizontal) == n_slides, (
            f"{name}: Space visited {len(horizontal)} of {n_slides} slides: {visited}")
        assert not too_tall, f"{name}: slides taller than a 1280x720 screen: {'; '.join(too_tall)}"
        if ran_live is not None:
            print(f"{name}: ran a code cell live in the slideshow: {ran_live}")
    finally:
        deck.close()


RISE_WIDGETS_BUG = (
    "jupyterlab-rise 0.43 fails to load the ipywidgets manager in its slideshow app ('Shared module "
    "@jupyterlab/console doesn't exist in shared scope'; jupyterlab-contrib/rise#119, #126), so widgets "
    "show as text there. When this test passes instead, update the README's instructors' section.")


def stored_widget_cells(name):
    nb = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and any(
        "application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in c.get("outputs", []))]


def test_rise_slideshow_shows_live_widgets(rise_notebook_name):
    """Reads what test_rise_slideshow_advances saw when it reran a widget cell on its slide."""
    name = rise_notebook_name
    if not stored_widget_cells(name):
        pytest.skip(f"{name} stores no widget output")
    if name not in RISE_WIDGETS_SEEN:
        pytest.skip("needs test_rise_slideshow_advances (same file, runs first) to reach the widget's slide")
    if not RISE_WIDGETS_SEEN[name]:
        pytest.xfail(RISE_WIDGETS_BUG)
