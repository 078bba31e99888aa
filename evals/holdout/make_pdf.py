"""Build policies/insurance-products.pdf with reportlab (word-boundary wrapping)."""
import os
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Paragraph, Spacer, ListFlowable, ListItem

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "policies", "insurance-products.pdf")

# (kind, text): kind is h1, h2, p or ul (text is a list for ul)
CONTENT = [
    ("h1", "Insurance products"),
    ("p", "Insurance helps people protect their health, homes, vehicles and families, and we want people "
          "to be able to find the cover they need. Because insurance is a regulated financial service, and "
          "poor information can leave people without protection when they need it most, ads for insurance "
          "must meet the requirements below. These requirements apply to insurers, brokers, agents, "
          "comparison sites and lead-generation services."),
    ("h2", "What's allowed with restrictions"),
    ("p", "Ads for insurance products, including life, health, home, motor, travel, pet and business "
          "insurance, are allowed if all of the following are true:"),
    ("ul", [
        "The advertiser is licensed or authorised to sell or arrange insurance by the insurance regulator "
        "in every country (and, where relevant, every state or province) where the ad is shown.",
        "The landing page shows the advertiser's licence or registration number and the name of the "
        "regulator that issued it.",
        "The ad is not shown to people under 18. Where a country-specific age limit below is higher, "
        "that limit applies instead.",
        "Comparison sites and lead-generation services are registered as insurance intermediaries and "
        "name the insurers they work with on the landing page.",
    ]),
    ("p", "Guaranteed-acceptance life cover for older people, often sold as \"over-50s plans\", may only "
          "be shown to users aged 50 or older."),
    ("p", "Sign-up incentives such as gift cards, cashback or vouchers are allowed when their value is no "
          "more than 50 USD (or the local equivalent) per policy. The ad must say that the incentive "
          "depends on buying a policy."),
    ("p", "If an ad quotes a \"from\" price (for example, \"cover from $7 a month\"), that price must be "
          "available to at least 10% of the people who receive a quote."),
    ("h2", "What's allowed without restriction"),
    ("p", "Educational content about insurance in general, such as articles explaining how a deductible "
          "works or what travel insurance usually covers, may be advertised without restriction, as long "
          "as it doesn't promote a specific policy or collect contact details for sales purposes."),
    ("h2", "What's not allowed"),
    ("ul", [
        "Insurance offered by providers that are not licensed or authorised in the country where the ad "
        "is shown.",
        "Products that claim to insure against criminal fines, penalties or the consequences of breaking "
        "the law.",
        "Claims that approval or cover is \"guaranteed\", that \"everyone is accepted\" or that \"no one "
        "is turned down\".",
        "Claims that the advertiser is connected with, or endorsed by, a government body when it is not.",
        "Countdown timers or messages that falsely say a price will rise or an offer will end.",
        "Lead-generation forms that collect health information in order to sell it to third parties.",
    ]),
    ("p", "Example: \"Guaranteed approval - no questions asked!\" in an ad for a standard term life "
          "policy is not allowed."),
    ("h2", "Exceptions"),
    ("p", "Products that genuinely accept every applicant within the eligible age range, such as "
          "guaranteed-acceptance life plans, may use the words \"guaranteed acceptance\". The ad must "
          "also state the waiting period during which full cover does not apply (for example, "
          "\"accidental death cover only in the first 2 years\")."),
    ("p", "Government agencies and public insurance schemes may state their own official status."),
    ("h2", "Investment-linked life insurance"),
    ("p", "Life insurance policies whose value depends on investment performance (unit-linked or "
          "investment-linked policies) may only be advertised in the United Kingdom, Ireland, Singapore "
          "and India. These ads must include the statement \"The value of your investment can go down "
          "as well as up\"."),
    ("h2", "Country-specific requirements"),
    ("ul", [
        "United States: the advertiser must be licensed in each state where the ad is shown. Ads for "
        "Medicare Advantage, Medicare Supplement or Part D plans from anyone other than a government "
        "agency must include the disclaimer \"Not connected with or endorsed by the U.S. government or "
        "the federal Medicare program.\"",
        "United Kingdom: the advertiser must be authorised by the Financial Conduct Authority or be an "
        "appointed representative of an authorised firm.",
        "India: the advertiser must be registered with the Insurance Regulatory and Development "
        "Authority of India (IRDAI).",
        "Japan: insurance ads must not be shown to people under 20.",
        "France and Belgium: ads for prepaid funeral plans are not allowed.",
    ]),
    ("h2", "Reviewed case by case"),
    ("p", "Ads for peer-to-peer insurance pools and for parametric insurance (cover that pays out "
          "automatically when a measured event happens, such as rainfall falling below a set level) "
          "are reviewed case by case."),
]


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build():
    ss = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=ss["BodyText"], fontName="Helvetica", fontSize=10.5, leading=14,
                          spaceAfter=6)
    h1 = ParagraphStyle("h1", parent=ss["Heading1"], fontName="Helvetica-Bold", fontSize=18, spaceAfter=10)
    h2 = ParagraphStyle("h2", parent=ss["Heading2"], fontName="Helvetica-Bold", fontSize=13, spaceBefore=8,
                        spaceAfter=6)
    story = []
    for kind, text in CONTENT:
        if kind == "h1":
            story.append(Paragraph(esc(text), h1))
        elif kind == "h2":
            story.append(Paragraph(esc(text), h2))
        elif kind == "p":
            story.append(Paragraph(esc(text), body))
        elif kind == "ul":
            items = [ListItem(Paragraph(esc(t), body), leftIndent=14) for t in text]
            story.append(ListFlowable(items, bulletType="bullet", start="\u2022", leftIndent=14))
            story.append(Spacer(1, 4))
    doc = SimpleDocTemplate(OUT, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm,
                            topMargin=20 * mm, bottomMargin=20 * mm, title="Insurance products",
                            author="Policy team")
    doc.build(story)


if __name__ == "__main__":
    build()
    print("wrote", OUT)
