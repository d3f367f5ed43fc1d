"""The organiser console in real headless Chromium: sign-in through a link from the CLI, numbers that equal
the database's, a join request approved on the web and told in chat, a broadcast followed to 100 %,
Arabic right to left, refusals, and an axe-core scan of every page."""

from __future__ import annotations

from axe_playwright_python.async_playwright import Axe
from playwright.async_api import expect
from sqlalchemy import func, select

from bot.i18n import translate
from storage.models import Delegation, PitchBooking, PitchSlot, Registration
from tests.e2e.console.conftest import Console
from tests.e2e.console.seed import REQUESTER

PAGES = {
    "overview": "/organiser/",
    "delegations": "/organiser/delegations",
    "delegation": "/organiser/delegations/1",
    "pitches": "/organiser/pitches",
    "matchmaking": "/organiser/matchmaking",
    "broadcasts": "/organiser/broadcasts",
    "exports": "/organiser/exports",
}


async def test_signing_in_through_a_cli_link_shows_the_databases_numbers(console: Console) -> None:
    await console.sign_in()
    async with console.server.bot.uow() as uow:
        confirmed = Registration.status == "confirmed"
        registered = await uow.session.scalar(select(func.count()).where(confirmed))
        late = await uow.session.scalar(select(func.count()).where(confirmed, Registration.late))
        hods = await uow.session.scalar(select(func.count()).where(confirmed, Registration.reception_hod))
        experts = sum(
            len(names) for names in await uow.session.scalars(select(Registration.reception_experts))
        )
        delegations = await uow.session.scalar(select(func.count()).select_from(Delegation))
        booked = await uow.session.scalar(select(func.count()).where(PitchBooking.status == "confirmed"))
        slots = await uow.session.scalar(select(func.count()).select_from(PitchSlot))
    page = console.page
    await expect(page.locator("#stat-registered")).to_have_text(str(registered))
    await expect(page.locator("#stat-late")).to_have_text(str(late))
    await expect(page.locator("#stat-delegations")).to_have_text(str(delegations))
    await expect(page.locator("#stat-reception-hods")).to_have_text(str(hods))
    await expect(page.locator("#stat-reception")).to_have_text(str(hods + experts))
    await expect(page.locator("#stat-slots")).to_have_text(f"{booked} / {slots}")
    # Every chart is an SVG drawn on the server, with its numbers as a table beside it.
    assert await page.locator("figure svg").count() == 4
    assert await page.locator("#breakout-table tbody tr").count() == 2
    await console.screenshot("overview")


async def test_a_used_link_and_a_non_organiser_are_refused(console: Console) -> None:
    code, url = await console.link()
    assert code == 0, url
    page = console.page
    await page.goto(url)
    await page.click("#signin")
    await page.wait_for_url(f"{console.base}/organiser/")
    await page.context.clear_cookies()
    await page.goto(url)
    await page.click("#signin")
    await expect(page.locator("#refused")).to_be_visible()
    response = await page.goto(f"{console.base}/organiser/delegations")
    assert response is not None and response.status == 401

    refused, printed = await console.link("slack:U00000")  # a delegate, not an organiser
    assert refused == 1 and printed == ""


async def test_approving_a_join_request_tells_the_requester_in_chat(console: Console) -> None:
    await console.sign_in()
    page = console.page
    await page.goto(f"{console.base}/organiser/delegations?q=000")
    await page.click("text=Delegation 000")
    await console.screenshot("delegation")
    await page.click(f"#approve-{console.join_request}")
    await expect(page.locator(".flash")).to_contain_text("Delegation 000")
    told = translate("en", "registration.join.approved", delegation="Delegation 000", contact="")
    calls = await console.server.api.wait_for("chat.postMessage")
    to_requester = [c for c in calls if c.params.get("channel") == "D" + REQUESTER.partition(":")[2][1:]]
    assert to_requester, calls
    assert told.split("{")[0][:20] in str(to_requester[0].params)
    async with console.server.bot.uow() as uow:
        member = await uow.members.get_by_key(REQUESTER)
        delegation_id = member.delegation_id if member is not None else None
        audit = [e.actor for e in await uow.audit.all() if e.action == "delegation.join_approved"]
    assert delegation_id == 1
    assert audit == ["slack:UORG"]


async def test_a_broadcast_composed_on_the_web_is_followed_to_100_percent(console: Console) -> None:
    await console.sign_in()
    page = console.page
    await page.goto(f"{console.base}/organiser/broadcasts")
    await page.select_option("#audience", "registered")
    await expect(page.locator("#recipient-count")).to_have_attribute("data-count", "12")
    await page.fill("#text", "The reception starts at 18:00 in the Delegates' Lounge.")
    await page.click("#preview")
    await expect(page.locator("#preview-count")).to_contain_text("12")
    await console.screenshot("broadcast-preview")
    await page.click("#send")
    await expect(page.locator("#count-total")).to_have_text("0")
    assert await console.send_queued() == 12
    await expect(page.locator("#percent")).to_have_text("100 %")
    await expect(page.locator("#count-sent")).to_have_text("12")
    await console.screenshot("broadcast-report")


async def test_switching_to_arabic_lays_the_console_out_right_to_left(console: Console) -> None:
    await console.sign_in()
    page = console.page
    await page.select_option("#lang-choice", "ar")
    await page.click("form[action='/organiser/language'] button")
    await expect(page.locator("html")).to_have_attribute("dir", "rtl")
    await expect(page.locator("html")).to_have_attribute("lang", "ar")
    await expect(page.locator("h1")).to_have_text(translate("ar", "console.nav.overview"))
    await console.screenshot("overview-ar")


async def test_every_page_has_no_serious_accessibility_violation(console: Console) -> None:
    await console.sign_in()
    axe = Axe()
    found = {}
    for name, path in PAGES.items():
        await console.page.goto(f"{console.base}{path}")
        await console.screenshot(name)
        results = await axe.run(console.page)
        found[name] = [
            (v["id"], v["impact"])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
    assert found == {name: [] for name in PAGES}
