"""Rich menus made in Lumo from the web app: image, size, a tap area with its action, alias and
default, created at the LINE simulator."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.support import Lumo, screenshot, unique

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
