"""Generate the sample PDF policy ``corpus/crypto-and-investment.pdf``.

The document is prose only (no clause markers, no front matter). Lines are
wrapped here at word boundaries, so extracted text never contains words broken
by hyphenation.

Usage: .venv/bin/python scripts/make_sample_pdf.py
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

OUT = Path(__file__).resolve().parent.parent / "corpus" / "crypto-and-investment.pdf"
TITLE = "Crypto and Investment Advertising Standard"

# (kind, text); kinds: title, meta, h1, h2, p, li
CONTENT: list[tuple[str, str]] = [
    ("title", TITLE),
    ("meta", "Version 1.3 - effective 1 April 2025"),
    ("meta", "Applies to: ads and creator branded content, in all markets"),
    ("h1", "1. Purpose and scope"),
    ("p", "1.1 This standard sets out the conditions under which cryptocurrency products and "
          "investment products may be advertised. It applies in all markets, in addition to the "
          "Financial Services Advertising Policy, and it covers both ads and branded content "
          "published by creators."),
    ("p", "1.2 In this standard, a \"crypto asset\" is any digital token or coin recorded on a "
          "distributed ledger, including stablecoins. A \"crypto exchange\" is any service that lets "
          "users buy, sell, swap or hold crypto assets on their behalf, including custodial wallets "
          "with built-in trading. An \"investment product\" is any product whose value depends on "
          "the performance of an underlying asset, such as shares, funds, bonds, commodities or "
          "currencies."),
    ("h1", "2. General requirements"),
    ("h2", "2.1 Licensing"),
    ("p", "Advertisers must hold the licence or registration required by the financial regulator "
          "in every market they target. They must also complete our financial services "
          "verification before any ad covered by this standard can run. Where the rules in "
          "sections 3 and 4 name a specific regulator, that regulator's authorisation is required."),
    ("h2", "2.2 Risk warnings"),
    ("p", "Every ad for an investment product or a crypto asset must include a clear risk warning "
          "stating that the value of investments can go down as well as up and that users may "
          "lose the money they invest. The warning must be legible in the ad itself; a link to "
          "the warning is not enough."),
    ("h2", "2.3 Prohibited claims"),
    ("p", "Ads must not describe an investment as \"risk-free\", \"guaranteed\" or \"safe\", and must "
          "not promise a specific rate of return. Claims about past performance must state that "
          "past performance is not a reliable indicator of future results. Ads must not use "
          "images of luxury cars, cash or lavish lifestyles to suggest that investing leads to "
          "quick wealth."),
    ("h2", "2.4 Age"),
    ("p", "Ads covered by this standard must not be shown to users under 18 in any market."),
    ("h1", "3. Cryptocurrency"),
    ("h2", "3.1 General position"),
    ("p", "Crypto ads are permitted only where this section expressly allows them. Anything not "
          "listed below, such as crypto lending, staking services with promised yields and crypto "
          "debit cards, requires review by the financial services policy team before launch."),
    ("h2", "3.2 Cryptocurrency exchanges"),
    ("p", "Crypto exchanges may advertise only if they hold the authorisation required in each "
          "targeted market:"),
    ("li", "In the United States, an exchange must be registered with FinCEN as a money services "
           "business and hold the state money transmitter licences needed where its ads are shown."),
    ("li", "In the United Kingdom, an exchange must be registered with the Financial Conduct "
           "Authority, every promotion must be approved by an FCA-authorised firm, and the ad must "
           "include the warning \"Don't invest unless you're prepared to lose all the money you "
           "invest.\""),
    ("li", "German users may only be shown exchange ads from providers authorised under the EU "
           "Markets in Crypto-Assets Regulation (MiCA) or licensed by BaFin."),
    ("li", "In Thailand, an exchange must be licensed by the Securities and Exchange Commission of "
           "Thailand. In Malaysia, it must be registered with the Securities Commission Malaysia as "
           "a digital asset exchange."),
    ("li", "In Indonesia, an exchange must be licensed by the Financial Services Authority (OJK) "
           "to trade crypto assets."),
    ("li", "Brazilian residents may be shown exchange ads only from virtual asset service providers "
           "authorised by the Central Bank of Brazil."),
    ("p", "Crypto exchange ads are prohibited in Singapore, because providers of digital payment "
          "token services must not promote their services to the general public there. This "
          "applies even if the exchange holds a licence from the Monetary Authority of Singapore."),
    ("h2", "3.3 Wallets"),
    ("p", "Ads for hardware wallets are permitted in all markets and are exempt from the "
          "requirements of section 2. Software wallets may be advertised on the same basis only if they do not "
          "offer buying, selling or swapping inside the app; otherwise they are treated as crypto "
          "exchanges under section 3.2."),
    ("h2", "3.4 Token sales and airdrops"),
    ("p", "Initial coin offerings, token presales, launchpad listings and airdrops offered in "
          "return for sign-ups or referrals are prohibited in all markets. Ads that promote a "
          "specific token as an investment, such as a memecoin, are also not allowed."),
    ("h2", "3.5 NFTs"),
    ("p", "Ads for NFTs are permitted when they promote digital art, collectibles or in-game items "
          "for their own sake. NFTs marketed as investments, with claims about resale value, "
          "floor prices or expected returns, are prohibited. NFT projects that involve a game of "
          "chance, such as paid mystery boxes, fall under the Gambling and Games Advertising "
          "Policy."),
    ("h2", "3.6 Crypto news and education"),
    ("p", "Crypto news publishers, industry conferences and educational courses are permitted "
          "and are exempt from section 2, provided they do not sell or promote a specific token or exchange and make no claims "
          "about earnings."),
    ("h2", "3.7 Cloud mining"),
    ("p", "Cloud mining contracts, mining pools that promise daily payouts and other schemes that "
          "sell a share of mining income are prohibited in all markets."),
    ("h1", "4. Investment products"),
    ("h2", "4.1 CFDs, forex and spread betting"),
    ("p", "Ads for contracts for difference (CFDs), rolling spot forex and spread betting are "
          "prohibited in the United States. In the United Kingdom and the European Union, these "
          "products may be advertised only by firms authorised by the FCA or an EU national "
          "regulator, and the ad must state the percentage of retail investor accounts that lose "
          "money when trading CFDs with that provider. In other markets, the provider must be "
          "licensed by the local securities regulator."),
    ("h2", "4.2 Brokers and investment platforms"),
    ("p", "Share-dealing apps, brokers, robo-advisers and fund managers may advertise if they are "
          "authorised by the securities regulator of each targeted market, for example the SEC and "
          "FINRA in the United States, the FCA in the United Kingdom, BaFin in Germany, the "
          "Monetary Authority of Singapore, the Securities Commission Malaysia, the SEC of "
          "Thailand, the OJK in Indonesia and the CVM in Brazil."),
    ("h2", "4.3 Trading signals and bots"),
    ("p", "Ads for trading signal groups, copy trading communities on messaging apps and automated "
          "trading bots that promise profits are prohibited in all markets."),
    ("h2", "4.4 Precious metals"),
    ("p", "Ads for the sale of physical gold and silver bullion and coins are permitted and are "
          "exempt from section 2, as long as they do not promise that the metal will "
          "rise in value."),
    ("h1", "5. Creators"),
    ("p", "5.1 Creators must not publish branded content for crypto exchanges, crypto assets, NFTs "
          "marketed as investments, CFDs or trading signals in any market."),
    ("p", "5.2 Branded content for authorised brokers and investment platforms is allowed only in "
          "the United Kingdom, Germany and the United States. It must carry the risk warning "
          "required by section 2.2, and the creator must be at least 18 years old."),
    ("h1", "6. Enforcement"),
    ("p", "Ads that break this standard are disapproved. Repeated or deliberate breaches, including "
          "attempts to disguise crypto promotions as educational content, lead to suspension of "
          "the advertiser's account."),
]

STYLES = {
    # kind: (font, size, leading, space_before, indent)
    "title": ("Helvetica-Bold", 18, 24, 0, 0),
    "meta": ("Helvetica-Oblique", 10, 14, 2, 0),
    "h1": ("Helvetica-Bold", 13, 18, 14, 0),
    "h2": ("Helvetica-Bold", 11, 15, 8, 0),
    "p": ("Helvetica", 11, 16, 6, 0),
    "li": ("Helvetica", 11, 16, 4, 14),
}

PAGE_W, PAGE_H = A4
MARGIN_X = 80
MARGIN_TOP = 72
MARGIN_BOTTOM = 80


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap at spaces; never splits a word."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and stringWidth(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def build(out: Path = OUT) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(out), pagesize=A4, invariant=1)  # reproducible bytes
    c.setTitle(TITLE)
    c.setAuthor("Advertising Policy Team")
    c.setSubject("Advertising policy for crypto assets and investment products")
    page = 1
    y = PAGE_H - MARGIN_TOP

    def footer() -> None:
        c.setFont("Helvetica", 8)
        c.drawString(MARGIN_X, 40, f"{TITLE} - page {page}")

    for kind, text in CONTENT:
        font, size, leading, before, indent = STYLES[kind]
        bullet = kind == "li"
        width = PAGE_W - 2 * MARGIN_X - indent - (10 if bullet else 0)
        lines = wrap(text, font, size, width)
        needed = before + leading * len(lines)
        if kind.startswith("h"):
            needed += 64  # keep a heading together with the start of its section
        if y - needed < MARGIN_BOTTOM:
            footer()
            c.showPage()
            page += 1
            y = PAGE_H - MARGIN_TOP
        else:
            y -= before
        c.setFont(font, size)
        x = MARGIN_X + indent
        for i, line in enumerate(lines):
            if bullet and i == 0:
                # drawn as a shape, so the bullet adds no character to the text layer
                c.circle(x + 2.5, y + 3.5, 1.8, stroke=0, fill=1)
            c.drawString(x + (10 if bullet else 0), y, line)
            y -= leading
    footer()
    c.save()
    return out


if __name__ == "__main__":
    print(build())
