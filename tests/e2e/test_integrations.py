"""In the browser: the Integrations page (connect, test the key, disconnect; keys never shown)
and the HubSpot / Klaviyo steps in the step picker ("connect first" until connected)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.actions.doubles import HubSpotDouble
from tests.e2e.support import Lumo, sign_in_state, start_lumo, unique
from tests.support.stack import Simulator


@pytest.fixture(scope="module")
def hubspot() -> Iterator[HubSpotDouble]:
    double = HubSpotDouble().start()
    yield double
    double.stop()


@pytest.fixture(scope="module")
def lumo(web_dist: Path, simulator: Simulator, browser: Browser, hubspot: HubSpotDouble,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lumo]:
    server = start_lumo(simulator, tmp_path_factory.mktemp("lumo-e2e-int"),
                        hubspot_api_base=hubspot.url, integration_max_attempts=1)
    try:
        server.storage_state = sign_in_state(browser, server)
        yield server
    finally:
        server.stop()


def test_connect_test_and_disconnect_hubspot_and_the_picker(page: Page, lumo: Lumo,
                                                           hubspot: HubSpotDouble) -> None:
    wid = lumo.create_workflow(unique("CRM"), template="keyword_auto_reply")
    page.goto(f"{lumo.url}/workflows/{wid}")
    expect(page.get_by_test_id("node-reply")).to_be_visible()
    page.get_by_test_id("add-after-reply").click()
    page.get_by_test_id("picker-filter").fill("hubspot")
    expect(page.get_by_test_id("picker-item-action.hubspot")).to_have_count(0)
    expect(page.get_by_test_id("picker-locked-action.hubspot")).to_be_visible()
    page.get_by_test_id("picker-connect-action.hubspot").click()

    expect(page).to_have_url(f"{lumo.url}/integrations")
    card = page.get_by_test_id("integration-hubspot")
    expect(page.get_by_test_id("integration-hubspot-status")).to_have_text("Not connected")
    page.get_by_test_id("integration-hubspot-key").fill("pat-wrong-key-000000")
    page.get_by_test_id("integration-hubspot-connect").click()
    expect(page.get_by_test_id("integration-hubspot-status")).to_have_text("Connected")
    expect(card.locator("input[type=password]")).to_have_count(0)  # the key is not shown back
    page.get_by_test_id("integration-hubspot-test").click()
    result = page.get_by_test_id("integration-hubspot-result")
    expect(result).to_have_attribute("data-ok", "false")
    expect(result).to_have_text("HubSpot refused the key (401).")
    page.get_by_test_id("integration-hubspot-rotate").click()
    page.get_by_test_id("integration-hubspot-key").fill(hubspot.state.api_key)
    page.get_by_test_id("integration-hubspot-connect").click()
    page.get_by_test_id("integration-hubspot-test").click()
    expect(result).to_have_attribute("data-ok", "true")
    assert hubspot.state.api_key not in page.content()

    page.goto(f"{lumo.url}/workflows/{wid}")
    page.get_by_test_id("add-after-reply").click()
    page.get_by_test_id("picker-filter").fill("hubspot")
    expect(page.get_by_test_id("picker-item-action.hubspot")).to_be_visible()
    expect(page.get_by_test_id("picker-locked-action.klaviyo")).to_have_count(0)
    page.keyboard.press("Escape")

    page.goto(f"{lumo.url}/integrations")
    page.get_by_test_id("integration-hubspot-disconnect").click()
    expect(page.get_by_test_id("integration-hubspot-status")).to_have_text("Not connected")
