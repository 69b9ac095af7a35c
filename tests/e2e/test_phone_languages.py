"""The phone page in six languages: the catalogues, the browser's language, the switcher,
right to left, and a language the facilitator fixes.

The catalogue checks read the files alone. The others start a real host (in this process)
and open the phone page in Debian's headless Chromium through ``confessional.test`` (an
insecure context, as on a LAN IP), the browser's language set by the context's ``locale``.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import AsyncIterator, Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TypeVar

import pytest
from playwright.sync_api import Browser, Page, Route, WebSocketRoute, expect

from facilitator.protocol.commands import Approve, Project, UpdateDetails
from tests.e2e.browser import BrowserThread
from tests.e2e.process import LAN_HOST
from tests.host.harness import Running, running_server

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "participant_web"
CATALOGUES = WEB / "i18n"
SCREENSHOTS = ROOT / "docs" / "screenshots"
ARTIFACTS = ROOT / "test-artifacts"

# The plural categories of the languages the issue asks for, as Unicode CLDR (and so
# Intl.PluralRules) has them; the browser test below checks this table against Chromium's
# own rules, and any other catalogue's plural forms too. A new language is its file and
# its line in en.json's "_languages": nothing here needs to change.
PLURAL_CATEGORIES = {
    "en": {"one", "other"},
    "de": {"one", "other"},
    "fr": {"one", "many", "other"},
    "es": {"one", "many", "other"},
    "cy": {"zero", "one", "two", "few", "many", "other"},
    "ar": {"zero", "one", "two", "few", "many", "other"},
}
FORMS = ("zero", "one", "two", "few", "many", "other")
OWN_NAMES = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "cy": "Cymraeg",
    "ar": "العربية",
}
PLACEHOLDER = re.compile(r"\{(\w+)\}")

T = TypeVar("T")


def catalogue(code: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CATALOGUES / f"{code}.json").read_text(encoding="utf-8"))
    return data


ENGLISH = catalogue("en")
LANGUAGES: dict[str, str] = ENGLISH["_languages"]


def is_phone_key(key: str) -> bool:
    """The phone page's keys: not the moderator page's (English only), not metadata."""
    return not key.startswith(("mod.", "_"))


def plural_base(key: str, keys: set[str]) -> str | None:
    """``agree.count`` for ``agree.count.few``, when English has ``agree.count.other``."""
    base, _, form = key.rpartition(".")
    return base if form in FORMS and f"{base}.other" in keys else None


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


# ---------------------------------------------------------------- the catalogues (no browser)


def test_the_languages_listed_are_exactly_the_catalogues_there() -> None:
    assert {code: LANGUAGES.get(code) for code in OWN_NAMES} == OWN_NAMES
    assert {path.stem for path in CATALOGUES.glob("*.json")} == set(LANGUAGES)


def plural_forms(code: str) -> dict[str, set[str]]:
    """The plural forms a catalogue gives, by text: {"agree.count": {"one", "other"}, …}."""
    keys = {key for key in ENGLISH if is_phone_key(key)}
    forms: dict[str, set[str]] = {}
    for key in catalogue(code):
        if base := plural_base(key, keys):
            forms.setdefault(base, set()).add(key.rpartition(".")[2])
    return forms


@pytest.mark.parametrize("code", sorted(set(LANGUAGES) - {"en"}))
def test_each_catalogue_has_exactly_the_phone_keys_of_english(code: str) -> None:
    english = {key: value for key, value in ENGLISH.items() if is_phone_key(key)}
    english_keys = set(english)
    plural_bases = {base for key in english if (base := plural_base(key, english_keys))}
    translated = catalogue(code)

    assert [key for key in translated if not is_phone_key(key)] == []  # no mod. keys, no _
    assert all(isinstance(value, str) and value.strip() for value in translated.values())

    def singular(keys: set[str]) -> set[str]:
        return {key for key in keys if plural_base(key, english_keys) is None}

    missing = singular(english_keys) - set(translated)
    extra = singular(set(translated)) - singular(english_keys)
    assert (missing, extra) == (set(), set())
    for key in singular(english_keys):
        assert placeholders(translated[key]) == placeholders(english[key]), key

    # Plural texts: every form the language's rules select, no other; `other` says the
    # count, and no form uses a placeholder English does not have.
    for base in plural_bases:
        forms = plural_forms(code).get(base, set())
        assert forms == PLURAL_CATEGORIES.get(code, forms) and "other" in forms, base
        allowed = set(placeholders(english[f"{base}.other"]))
        assert placeholders(translated[f"{base}.other"]) == placeholders(english[f"{base}.other"])
        for form in forms:
            assert set(placeholders(translated[f"{base}.{form}"])) <= allowed, (base, form)


class _Texts(HTMLParser):
    """The text of a page outside <noscript>, and every data-i18n key it names."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.keys: list[str] = []
        self._noscript = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._noscript += tag == "noscript"
        for name, value in attrs:
            if name == "data-i18n" and value:
                self.keys.append(value)
            if name == "data-i18n-attr" and value:
                self.keys += [pair.split(":")[1].strip() for pair in value.split(",")]

    def handle_endtag(self, tag: str) -> None:
        self._noscript -= tag == "noscript"

    def handle_data(self, data: str) -> None:
        if not self._noscript and data.strip():
            self.texts.append(data.strip())


def test_the_phone_page_holds_no_text_of_its_own() -> None:
    """Every visible text comes from a catalogue: the HTML has keys, not words (a page
    without JavaScript can read no catalogue, so <noscript> alone speaks English)."""
    page = _Texts()
    page.feed((WEB / "index.html").read_text(encoding="utf-8"))
    assert page.texts == []
    assert page.keys and all(key in ENGLISH for key in page.keys)
    # And every key the scripts ask for by name exists.
    script = "\n".join(
        (WEB / name).read_text(encoding="utf-8")
        for name in ("app.js", "sent.js", "replies.js", "earlier.js")
    )
    named = set(re.findall(r"\bt\(\s*\"([a-z_.]+)\"", script))
    assert named and named <= set(ENGLISH)


# ---------------------------------------------------------------- in the browser


class Phone:
    """One phone page in a context of its own (its locale, its viewport)."""

    def __init__(self, browser: BrowserThread) -> None:
        self._browser = browser
        self.page: Page | None = None
        self.console_errors: list[str] = []

    async def open(self, url: str, locale: str, width: int, height: int) -> None:
        def open_page(browser: Browser) -> None:
            context = browser.new_context(
                locale=locale, viewport={"width": width, "height": height}, device_scale_factor=2
            )
            page = context.new_page()
            page.on(
                "console",
                lambda message: (
                    self.console_errors.append(message.text) if message.type == "error" else None
                ),
            )
            page.on("pageerror", lambda error: self.console_errors.append(str(error)))
            page.emulate_media(reduced_motion="reduce")
            self.page = page
            page.goto(url)

        await self._browser.call(open_page)

    async def run(self, function: Callable[[Page], T]) -> T:
        def on_page(browser: Browser) -> T:
            assert self.page is not None, "open() first"
            return function(self.page)

        return await self._browser.call(on_page)


@contextlib.asynccontextmanager
async def phone_in(
    run: Running,
    locale: str,
    width: int = 390,
    height: int = 844,
    before: Callable[[Page], object] | None = None,
) -> AsyncIterator[Phone]:
    """The phone page with the browser's language ``locale``; ``before`` runs on the page
    before it loads (to route requests)."""
    port = run.base.rsplit(":", 1)[1]
    chromium = BrowserThread()
    await chromium.start()
    phone = Phone(chromium)
    try:
        if before is None:
            await phone.open(f"http://{LAN_HOST}:{port}/", locale, width, height)
        else:
            await phone.open("about:blank", locale, width, height)
            await phone.run(before)
            await phone.run(lambda page: page.goto(f"http://{LAN_HOST}:{port}/"))
        await phone.run(lambda page: expect(page.locator("#confession-text")).to_be_visible())
        yield phone
        await phone.run(lambda page: page.context.close())
    finally:
        await chromium.stop()


def texts_of(code: str) -> dict[str, str]:
    merged = {key: value for key, value in ENGLISH.items() if isinstance(value, str)}
    merged.update(catalogue(code))
    return merged


def expect_language(page: Page, code: str) -> None:
    """The page speaks ``code`` throughout: its static texts and the form's."""
    said = texts_of(code)
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator("#live-heading")).to_have_text(said["live.heading"])
    expect(page.locator("label[for=confession-text]")).to_have_text(said["form.confession_label"])
    expect(page.locator("#send-button")).to_have_text(said["form.send"])
    expect(page.locator("#reassure-heading")).to_have_text(said["reassure.heading"])
    organisers = said["form.organisers_label"]
    expect(page.locator(".organisers-label")).to_have_text(organisers)
    expect(page.get_by_role("combobox", name=said["language.label"])).to_have_value(code)


def no_horizontal_scroll(page: Page) -> bool:
    return bool(
        page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
    )


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return {"x": found["x"], "y": found["y"], "width": found["width"], "height": found["height"]}


async def project(run: Running, text: str, learned: str, client_id: str) -> None:
    author = await run.join()
    await run.submit(author, client_id, text, learned)
    item = run.service.items()[-1]
    for command in (Approve(item.id), Project(item.id)):
        status, body = await run.moderate(command)
        assert status == 200, body


async def details(run: Running, title: str, prompt: str, agree_label: str) -> None:
    status, body = await run.moderate(UpdateDetails(title, prompt, agree_label))
    assert status == 200, body


# Every text the page could have painted: the body's visible text after each change.
SEEN = """
window.seen = [];
new MutationObserver(() => {
  if (document.body) window.seen.push(document.body.innerText);
}).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
"""


@pytest.mark.browser
async def test_a_german_browser_gets_german_and_the_plural_rules_are_chromiums(
    tmp_path: Path,
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    async with running_server(tmp_path) as run:
        await details(
            run, "Aus Fehlern lernen", "Welcher Fehler hat dich am meisten gelehrt?", "Kenn ich"
        )
        await project(
            run,
            "Ich habe die Notizen zur Gehaltsverhandlung an alle geschickt "
            "und mich dann bei allen dafür entschuldigt.",
            "Erst den Verteiler lesen, dann auf Senden tippen.",
            "client-de-0001",
        )
        async with phone_in(run, "de-DE", before=lambda page: page.add_init_script(SEEN)) as phone:

            def german(page: Page) -> tuple[dict[str, list[str]], list[str], str]:
                expect_language(page, "de")
                expect(page.locator("#projected-text")).to_contain_text("Gehaltsverhandlung")
                expect(page.locator(".learned-label")).to_have_text("Was daraus gelernt wurde")
                expect(page.locator("#confession-counter")).to_have_text("0 / 1.000")
                page.click("#agree-button")
                expect(page.locator("#agree-count")).to_have_text("1")
                expect(page.locator("#agree-count-words")).to_have_text(", 1 Person")
                page.wait_for_timeout(200)
                page.screenshot(path=str(SCREENSHOTS / "phone-de-390x844.png"))
                rules: dict[str, list[str]] = page.evaluate(
                    """(codes) => Object.fromEntries(codes.map((code) => [code,
                        new Intl.PluralRules(code).resolvedOptions().pluralCategories]))""",
                    sorted(LANGUAGES),
                )
                names = page.locator("#language-select option").all_inner_texts()
                return rules, names, page.title()

            rules, names, title = await phone.run(german)
            seen: list[str] = await phone.run(lambda page: page.evaluate("window.seen"))
            assert phone.console_errors == []
        # Nothing English was ever on the screen, not even while the catalogues loaded.
        english = [
            ENGLISH[key]
            for key in ("page.loading", "live.heading", "reassure.heading", "form.confession_label")
        ]
        assert seen and not [text for text in seen if any(words in text for words in english)]
        rules_of = {code: set(forms) for code, forms in rules.items()}
        assert {code: rules_of[code] for code in PLURAL_CATEGORIES} == PLURAL_CATEGORIES
        for code in LANGUAGES:  # every catalogue gives each form the language has, no other
            assert all(forms == rules_of[code] for forms in plural_forms(code).values()), code
        assert names == list(LANGUAGES.values())
        assert title == "Aus Fehlern lernen · Confessional"


@pytest.mark.browser
async def test_the_default_words_are_said_in_the_phone_s_language(tmp_path: Path) -> None:
    """A session that kept the product's English title, prompt and agreement label: each
    phone reads them in its own language; words the facilitator wrote stay as written."""
    async with running_server(tmp_path) as run:
        await project(run, "Ich habe am Freitag deployt.", "", "client-de-0002")
        async with phone_in(run, "de-DE") as phone:

            def defaults_in(page: Page, code: str) -> None:
                said = texts_of(code)
                expect(page.locator("#session-title")).to_have_text(said["session.title_default"])
                expect(page.locator("#prompt")).to_have_text(said["form.prompt_default"])
                expect(page.locator("#agree-label")).to_have_text(said["agree.default_label"])

            def german_then_welsh(page: Page) -> str:
                defaults_in(page, "de")
                title = page.title()
                page.locator("#language-select").select_option("cy")
                defaults_in(page, "cy")
                return title

            title = await phone.run(german_then_welsh)
            assert title == f"{texts_of('de')['session.title_default']} · Confessional"
            await details(run, "Fehlerkultur", "Was lief schief?", "Me too")

            def own_words(page: Page) -> None:
                expect(page.locator("#session-title")).to_have_text("Fehlerkultur")
                expect(page.locator("#prompt")).to_have_text("Was lief schief?")
                expect(page.locator("#agree-label")).to_have_text("Me too")

            await phone.run(own_words)
            assert phone.console_errors == []


@pytest.mark.browser
async def test_the_switcher_changes_every_text_at_once_and_is_remembered(tmp_path: Path) -> None:
    async with running_server(tmp_path) as run, phone_in(run, "en-GB") as phone:

        def switch(page: Page) -> tuple[str | None, bool]:
            expect_language(page, "en")
            expect(page.locator("#language")).to_be_visible()
            # Something sent first: the status and the list must follow the switch too.
            page.fill("#confession-text", "I deployed on a Friday and switched my phone off.")
            page.click("#send-button")
            expect(page.locator("#send-status")).to_have_attribute("data-state", "arrived")
            expect(page.locator("[data-testid=sent-state]")).to_have_text("Received")
            page.evaluate("window.stillHere = true")  # gone if the page reloads
            page.get_by_role("combobox", name="Language").select_option("fr")
            expect_language(page, "fr")
            said = texts_of("fr")
            expect(page.locator("#send-status-text")).to_have_text(said["send.arrived"])
            expect(page.locator("[data-testid=sent-state]")).to_have_text(
                said["sent.state.received"]
            )
            expect(page.locator("[data-testid=sent-withdraw]")).to_have_text(said["sent.withdraw"])
            expect(page.locator("#ended-title")).to_have_text(said["ended.title"])
            stayed = bool(page.evaluate("window.stillHere === true"))
            stored = page.evaluate("localStorage.getItem('confessional.language')")
            page.reload()
            expect(page.locator("#confession-text")).to_be_visible()
            expect_language(page, "fr")
            expect(page.locator("[data-testid=sent-state]")).to_have_text(
                said["sent.state.received"]
            )
            # Welsh, then back to English, without a reload either time.
            page.fill("#learned-text", "Dim ar ddydd Gwener.")
            page.get_by_role("combobox", name=said["language.label"]).select_option("cy")
            expect_language(page, "cy")
            expect(page.locator("#learned-text")).to_have_value("Dim ar ddydd Gwener.")  # kept
            expect(page.locator("#learned-counter")).to_have_text("20 / 500")
            page.get_by_role("combobox", name=texts_of("cy")["language.label"]).select_option("en")
            expect_language(page, "en")
            expect(page.locator("#send-button")).to_have_text("Send")
            # Every language fits a 320 px phone.
            page.set_viewport_size({"width": 320, "height": 640})
            for code in LANGUAGES:
                page.locator("#language-select").select_option(code)
                expect_language(page, code)
                assert no_horizontal_scroll(page), code
            page.locator("#language-select").select_option("en")
            return stored, stayed

        stored, stayed = await phone.run(switch)
        assert stored == "fr" and stayed
        assert phone.console_errors == []


ARABIC_TEXT = (
    "أرسلتُ ملاحظاتي عن مفاوضات الرواتب إلى الجميع بالخطأ، ثم أرسلتُ اعتذارًا إلى الجميع أيضًا."
)
ARABIC_LESSON = "أتحقق من قائمة المستلمين قبل أن أضغط إرسال."


@pytest.mark.browser
async def test_arabic_is_right_to_left_and_fits_a_narrow_phone(tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    async with running_server(tmp_path) as run:
        await details(run, "لا تُهدر خطأً أبدًا", "ما الخطأ الذي علّمك أكثر من غيره؟", "مررتُ بهذا")
        await project(run, ARABIC_TEXT, ARABIC_LESSON, "client-ar-0001")
        async with phone_in(run, "ar") as phone:

            def arabic(page: Page) -> dict[str, Any]:
                expect_language(page, "ar")
                expect(page.locator("html")).to_have_attribute("dir", "rtl")
                page.click("#agree-button")
                expect(page.locator("#agree-count")).to_have_text("1")
                expect(page.locator("#agree-count-words")).to_have_text(", شخص واحد")
                page.wait_for_timeout(200)
                page.screenshot(path=str(SCREENSHOTS / "phone-ar-390x844.png"))
                # One for the organisers, sent: the option, the counter and the list.
                page.fill("#confession-text", "نسيتُ إغلاق الباب الخلفي للمكتب.")
                page.locator("#for-organisers").check()
                page.click("#send-button")
                expect(page.locator("#send-status")).to_have_attribute("data-state", "arrived")
                expect(page.locator("[data-testid=sent-for-organisers]")).to_be_visible()
                page.locator("#field-organisers").scroll_into_view_if_needed()
                page.screenshot(path=str(ARTIFACTS / "phone-ar-form-390.png"))
                page.locator("#sent").scroll_into_view_if_needed()
                page.screenshot(path=str(ARTIFACTS / "phone-ar-sent-390.png"))
                found = {
                    "wide": no_horizontal_scroll(page),
                    "agree": box(page, "#agree-button"),
                    "mark": box(page, ".agree-mark"),
                    "count": box(page, "#agree-count"),
                    "checkbox": box(page, "#for-organisers"),
                    "option": box(page, ".organisers-label"),
                    "counter": box(page, "#confession-counter"),
                    "field": box(page, "#confession-text"),
                    "row": box(page, "[data-testid=sent-item]"),
                    "withdraw": box(page, "[data-testid=sent-withdraw]"),
                    "status": box(page, "#send-status"),
                    "direction": page.evaluate(
                        "getComputedStyle(document.getElementById('send-status')).direction"
                    ),
                }
                page.set_viewport_size({"width": 320, "height": 640})
                page.wait_for_timeout(100)
                found["narrow"] = no_horizontal_scroll(page)
                page.screenshot(path=str(ARTIFACTS / "phone-ar-320.png"), full_page=True)
                return found

            found = await phone.run(arabic)
            assert phone.console_errors == []
        assert found["wide"] and found["narrow"]
        assert found["direction"] == "rtl"
        agree, mark, count = found["agree"], found["mark"], found["count"]
        # Been there: the mark at the right (where a line starts), the count at the left.
        assert mark["x"] > count["x"]
        assert mark["x"] + mark["width"] > agree["x"] + agree["width"] - 48
        assert count["x"] < agree["x"] + 48
        # The organisers-only box at the right of its words; the counter at the left.
        assert found["checkbox"]["x"] > found["option"]["x"]
        assert found["counter"]["x"] < found["field"]["x"] + 8
        # The sent list: Withdraw at the row's left end.
        assert found["withdraw"]["x"] < found["row"]["x"] + found["row"]["width"] / 2


@pytest.mark.browser
async def test_a_language_the_facilitator_fixes_wins_and_hides_the_switcher(
    tmp_path: Path,
) -> None:
    """The host does not send ``language`` yet: the test adds it to ``session`` (HTTP) and
    to ``state``/``session`` on the live socket, as the protocol will carry it."""
    fixed = {"language": "ar"}

    def with_language(body: str) -> str:
        message = json.loads(body)
        if message.get("type") in ("session", "state") and isinstance(message["payload"], dict):
            message["payload"]["language"] = fixed["language"]
        return json.dumps(message)

    def route(page: Page, port: str) -> None:
        # The phone's own choice, French, before any script of the page runs.
        page.add_init_script("localStorage.setItem('confessional.language', 'fr')")

        def session(route: Route) -> None:
            # Node fetches it, and knows no confessional.test: the same host by its address.
            response = route.fetch(url=f"http://127.0.0.1:{port}/api/session")
            route.fulfill(response=response, body=with_language(response.text()))

        page.route("**/api/session", session)

        def socket(ws: WebSocketRoute) -> None:
            server = ws.connect_to_server()
            server.on_message(
                lambda message: ws.send(
                    with_language(message) if isinstance(message, str) else message
                )
            )

        page.route_web_socket("**/ws", socket)

    async with running_server(tmp_path) as run:
        port = run.base.rsplit(":", 1)[1]

        async with phone_in(run, "de-DE", before=lambda page: route(page, port)) as phone:

            def fixed_arabic(page: Page) -> None:
                expect_language_fixed(page, "ar")
                expect(page.locator("html")).to_have_attribute("dir", "rtl")

            await phone.run(fixed_arabic)
            # Unfixed on the laptop: the phone's own choice comes back, and the switcher.
            fixed["language"] = ""
            await details(run, "Never waste a mistake", "What went wrong?", "Been there")
            await phone.run(lambda page: expect_language(page, "fr"))
            await phone.run(lambda page: expect(page.locator("#language")).to_be_visible())
            # Fixed to German while the page is open: it follows at once.
            fixed["language"] = "de"
            await details(run, "Aus Fehlern lernen", "Was ging schief?", "Kenn ich")
            await phone.run(lambda page: expect_language_fixed(page, "de"))
            # A language without a catalogue is no language at all: the phone chooses.
            fixed["language"] = "pt-BR"
            await details(run, "Never waste a mistake", "What went wrong?", "Been there")
            await phone.run(lambda page: expect_language(page, "fr"))
            await phone.run(lambda page: expect(page.locator("#language")).to_be_visible())
            assert phone.console_errors == []


def expect_language_fixed(page: Page, code: str) -> None:
    said = texts_of(code)
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator("#language")).to_be_hidden()
    expect(page.locator("#live-heading")).to_have_text(said["live.heading"])
    expect(page.locator("#send-button")).to_have_text(said["form.send"])


@pytest.mark.browser
async def test_the_language_set_on_the_laptop_reaches_every_phone(tmp_path: Path) -> None:
    """The same through the host itself, once it sends ``language`` (set_phone_language)."""
    commands = pytest.importorskip("facilitator.protocol.commands")
    set_phone_language = getattr(commands, "SetPhoneLanguage", None)
    if set_phone_language is None:
        pytest.skip("the host does not fix the phones' language yet")
    async with running_server(tmp_path) as run, phone_in(run, "en-GB") as phone:
        await phone.run(lambda page: expect_language(page, "en"))
        status, body = await run.moderate(set_phone_language("cy"))
        assert status == 200, body
        await phone.run(lambda page: expect_language_fixed(page, "cy"))

        def reload(page: Page) -> None:
            page.reload()
            expect(page.locator("#confession-text")).to_be_visible()
            expect_language_fixed(page, "cy")

        await phone.run(reload)
        status, body = await run.moderate(set_phone_language(""))
        assert status == 200, body
        await phone.run(lambda page: expect_language(page, "en"))
        assert phone.console_errors == []
