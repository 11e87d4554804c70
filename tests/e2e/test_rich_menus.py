"""Rich menus made in Lumo from the web app: image, size, a tap area with its action, alias and
default, created at the LINE simulator."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.support import Console, Lumo, screenshot, unique

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64  # the simulator checks the magic bytes


def test_make_a_rich_menu_in_lumo(page: Page, lumo: Lumo, tmp_path: Path) -> None:
    image = tmp_path / "menu.png"
    image.write_bytes(PNG)
    name = unique("Spring menu")
    page.goto(f"{lumo.url}/rich-menus")
    maker = page.get_by_test_id("rich-menu-maker")
    expect(maker).to_be_visible()
    page.get_by_test_id("rich-menu-account").select_option(str(lumo.account_id))
    page.get_by_test_id("rich-menu-size").select_option("2500x843")
    page.get_by_test_id("rich-menu-image").set_input_files(str(image))
    maker.get_by_test_id("field-name").fill(name)
    maker.get_by_test_id("field-chatBarText").fill("Menu")
    maker.get_by_test_id("field-areas-add").click()
    for key, value in (("x", "0"), ("y", "0"), ("width", "1250"), ("height", "843")):
        maker.get_by_test_id(f"field-areas.0.bounds.{key}").fill(value)
    expect(maker.get_by_test_id("field-areas.0.action-kind")).to_have_value("postback")
    maker.get_by_test_id("field-areas.0.action.label").fill("Coupons")
    maker.get_by_test_id("field-areas.0.action.data").fill("menu=coupons")
    expect(page.get_by_test_id("rich-menu-area")).to_have_count(1)
    page.get_by_test_id("rich-menu-alias").fill("spring")
    page.get_by_test_id("rich-menu-default").check()
    maker.evaluate("e => e.scrollIntoView({block: 'start'})")
    screenshot(page, "rich-menu-maker")
    page.get_by_test_id("rich-menu-create").click()
    expect(page.get_by_test_id("rich-menu-error")).to_have_count(0)
    expect(page.get_by_text(name)).to_be_visible()

    mine = next(m for m in lumo.api.get("/api/rich-menus").json()["items"] if m["name"] == name)
    line_id = mine["line_rich_menu_id"]
    at_line = lumo.sim.http.get("/_sim/richmenus").json()
    made = next(m for m in at_line["richmenus"] if m["richMenuId"] == line_id)
    assert made["size"] == {"width": 2500, "height": 843}
    assert made["has_image"] and made["content_type"] == "image/png"
    assert made["chatBarText"] == "Menu"
    assert made["areas"] == [{"bounds": {"x": 0, "y": 0, "width": 1250, "height": 843},
                              "action": {"type": "postback", "label": "Coupons",
                                         "data": "menu=coupons"}}]
    assert line_id in at_line["defaults"].values()
    assert any(a["richMenuAliasId"] == "spring" and a["richMenuId"] == line_id
               for a in at_line["aliases"])


def _fill_basics(page: Page, name: str) -> None:
    maker = page.get_by_test_id("rich-menu-maker")
    page.get_by_test_id("rich-menu-size").select_option("2500x843")
    maker.get_by_test_id("field-name").fill(name)
    maker.get_by_test_id("field-chatBarText").fill("Menu")


def test_the_apis_errors_show_under_the_field_they_name(page: Page, lumo: Lumo,
                                                        console: Console,
                                                        tmp_path: Path) -> None:
    image = tmp_path / "menu.png"
    image.write_bytes(PNG)
    name = unique("Errors menu")
    console.expect_status(422)
    page.goto(f"{lumo.url}/rich-menus")
    maker = page.get_by_test_id("rich-menu-maker")
    _fill_basics(page, name)
    maker.get_by_test_id("field-areas-add").click()
    for key, value in (("x", "2000"), ("y", "0"), ("width", "500"), ("height", "843")):
        maker.get_by_test_id(f"field-areas.0.bounds.{key}").fill(value)
    maker.get_by_test_id("field-areas.0.action.data").fill("menu=coupons")

    # No account, no image: each said under its own input, nothing at the bottom.
    page.get_by_test_id("rich-menu-create").click()
    expect(page.get_by_test_id("rich-menu-account-issues")).to_contain_text("account_id")
    expect(page.get_by_test_id("rich-menu-image-issues")).to_contain_text("image_base64")
    expect(page.get_by_test_id("rich-menu-error")).to_have_count(0)

    # The area sticks out of the 2500-wide menu: said under its width, which is the field
    # to change (x + width = 3000).
    page.get_by_test_id("rich-menu-account").select_option(str(lumo.account_id))
    expect(page.get_by_test_id("rich-menu-account-issues")).to_have_count(0)
    page.get_by_test_id("rich-menu-image").set_input_files(str(image))
    maker.get_by_test_id("field-areas.0.bounds.width").fill("1000")
    page.get_by_test_id("rich-menu-create").click()
    width_issues = maker.get_by_test_id("field-areas.0.bounds.width-issues")
    expect(width_issues).to_contain_text("outside the 2500×843 menu")
    expect(width_issues).to_contain_text("3000 > 2500")
    expect(page.get_by_test_id("rich-menu-image-issues")).to_have_count(0)
    expect(page.get_by_test_id("rich-menu-error")).to_have_count(0)
    expect(maker.get_by_test_id("field-areas.0.bounds.x-issues")).to_have_count(0)
    maker.get_by_test_id("field-areas.0.bounds.width").scroll_into_view_if_needed()
    screenshot(page, "rich-menu-field-error")

    # Fixing the field clears its message; the menu is then made.
    maker.get_by_test_id("field-areas.0.bounds.width").fill("500")
    expect(width_issues).to_have_count(0)
    page.get_by_test_id("rich-menu-create").click()
    expect(page.get_by_text(name)).to_be_visible()
    assert any(m["name"] == name for m in lumo.api.get("/api/rich-menus").json()["items"])


def test_draw_move_and_resize_a_tap_area_with_the_mouse(page: Page, lumo: Lumo,
                                                        tmp_path: Path) -> None:
    image = tmp_path / "menu.png"
    image.write_bytes(PNG)
    name = unique("Dragged menu")
    page.goto(f"{lumo.url}/rich-menus")
    maker = page.get_by_test_id("rich-menu-maker")
    page.get_by_test_id("rich-menu-account").select_option(str(lumo.account_id))
    page.get_by_test_id("rich-menu-image").set_input_files(str(image))
    _fill_basics(page, name)
    canvas = page.get_by_test_id("rich-menu-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None
    scale = 2500 / box["width"]  # menu units per screen pixel
    assert abs(box["height"] * scale - 843) < 2  # the canvas has the menu's proportions

    def drag(x0: float, y0: float, x1: float, y1: float) -> None:
        page.mouse.move(box["x"] + x0, box["y"] + y0)
        page.mouse.down()
        page.mouse.move(box["x"] + x1, box["y"] + y1, steps=6)
        page.mouse.up()

    def bounds() -> dict[str, int]:
        return {k: int(maker.get_by_test_id(f"field-areas.0.bounds.{k}").input_value())
                for k in ("x", "y", "width", "height")}

    def units(px: float) -> int:
        return round(px * scale)

    # Draw: the typed number fields follow the rectangle.
    drag(50, 20, 250, 150)
    expect(page.get_by_test_id("rich-menu-area")).to_have_count(1)
    assert bounds() == {"x": units(50), "y": units(20), "width": units(250) - units(50),
                        "height": units(150) - units(20)}
    drawn = bounds()
    # A click on the image is no area.
    page.mouse.click(box["x"] + 400, box["y"] + 20)
    expect(page.get_by_test_id("rich-menu-area")).to_have_count(1)

    # Move it by its body (grabbed in the middle).
    drag(150, 85, 250, 75)
    moved = bounds()
    assert abs(moved["x"] - (drawn["x"] + units(100))) <= 1
    assert abs(moved["y"] - (drawn["y"] - units(10))) <= 1
    assert (moved["width"], moved["height"]) == (drawn["width"], drawn["height"])

    # Resize by the bottom-right corner.
    handle = page.get_by_test_id("rich-menu-area-0-handle-se").bounding_box()
    assert handle is not None
    hx = handle["x"] + handle["width"] / 2 - box["x"]
    hy = handle["y"] + handle["height"] / 2 - box["y"]
    drag(hx, hy, hx + 40, hy + 10)
    resized = bounds()
    assert (resized["x"], resized["y"]) == (moved["x"], moved["y"])
    assert abs(resized["width"] - (moved["width"] + units(40))) <= 1
    assert abs(resized["height"] - (moved["height"] + units(10))) <= 1

    # Typed numbers still work and move the rectangle.
    maker.get_by_test_id("field-areas.0.bounds.x").fill("100")
    area = page.get_by_test_id("rich-menu-area")
    expect(area).to_have_attribute("style", re.compile(r"left: 4%"))
    final = {**resized, "x": 100}
    # Dragging past the edge stops at the edge of the menu.
    area_box = area.bounding_box()
    assert area_box is not None
    cx, cy = area_box["x"] + 20 - box["x"], area_box["y"] + 20 - box["y"]
    drag(cx, cy, cx - 200, cy)
    final["x"] = 0
    assert bounds() == final

    maker.get_by_test_id("field-areas.0.action.data").fill("menu=dragged")
    screenshot(page, "rich-menu-drag")
    page.get_by_test_id("rich-menu-create").click()
    expect(page.get_by_test_id("rich-menu-error")).to_have_count(0)
    expect(page.get_by_text(name)).to_be_visible()
    mine = next(m for m in lumo.api.get("/api/rich-menus").json()["items"] if m["name"] == name)
    made = next(m for m in lumo.sim.http.get("/_sim/richmenus").json()["richmenus"]
                if m["richMenuId"] == mine["line_rich_menu_id"])
    assert made["areas"] == [{"bounds": final, "action": {"type": "postback",
                                                          "data": "menu=dragged"}}]
