"""Moving through pages with the keyboard alone, checking that every stop shows where the
focus is. Shared by the keyboard journeys."""

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
  return {
    tag: el.tagName.toLowerCase(),
    type: el.type || "",
    name: el.name || "",
    value: el.value || "",
    checked: !!el.checked,
    text: (el.innerText || label || el.getAttribute("aria-label") || "").trim(),
    // Past the last element the focus leaves the page for the browser itself.
    inPage: document.hasFocus() && el !== document.body,
    ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none",
  };
}"""


class Keyboard:
    def __init__(self, page):
        self.page = page

    def focused(self) -> dict:
        return self.page.evaluate(FOCUSED)

    def press(self, key: str) -> dict:
        self.page.keyboard.press(key)
        focused = self.focused()
        assert focused["ring"] or not focused["inPage"], f"no visible focus after {key} on {focused}"
        return focused

    def tab_to(self, wanted, limit: int = 80) -> dict:
        """Press Tab until the focused element satisfies `wanted`; fail if it never does."""
        focused = self.focused()
        if wanted(focused):
            return focused
        for _ in range(limit):
            focused = self.press("Tab")
            if wanted(focused):
                return focused
        raise AssertionError(f"Tab never reached the element; last focus was {focused}")


def button(text):
    return lambda f: f["tag"] == "button" and f["text"] == text


def link(text):
    return lambda f: f["tag"] == "a" and f["text"] == text
