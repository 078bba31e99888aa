"""A cited policy document (?source=...&at=...&page=...): the original file, a PDF at the cited
page, and the text as the store holds it, opened at the cited section."""

import streamlit as st

from policydesk.core.store import load_catalog
from policydesk.core.versions import mark_superseded
from policydesk.ui import render, state
from policydesk.ui.documents import (
    document_facts,
    document_markdown,
    document_sections,
    find_section,
    original_file,
    original_text,
    pdf_viewer_html,
)

settings = state.settings()
state.require_store(settings)

catalog = load_catalog(settings)
docs = {d.source: d for d in mark_superseded(list(catalog.documents.values()))}
sources = sorted(docs)
wanted = st.query_params.get("source")
index = sources.index(wanted) if wanted in sources else 0
source = st.selectbox("Document", sources, index=index, format_func=lambda s: f"{docs[s].title or s} ({s})")
if wanted and wanted not in sources:
    st.warning(f"{wanted} is not in the store any more; it may have been removed or renamed.")
doc = docs[source]
at = st.query_params.get("at") if source == wanted else None

st.title(doc.title or source)
st.caption(" · ".join([source] + [f"{label} {value}" for label, value in document_facts(doc)]))
if doc.superseded:
    st.warning("This version is superseded: a newer version of this policy is in force.")

sections = document_sections(catalog, source)
target = find_section(sections, at)
if target is not None:
    with st.container(border=True):
        st.caption("Cited section" + (f" · page {target.page}" if target.page else ""))
        st.markdown(f"**{render.md_escape(target.heading)}**" + (f" ({target.clause_id})" if target.clause_id else ""))
        st.markdown(render.md_escape(target.text))
elif at:
    st.info("The cited section was not found in the current version of this document.")

original = original_file(doc, settings)
wanted_page = st.query_params.get("page") if source == wanted else None
page = int(wanted_page) if wanted_page and str(wanted_page).isdigit() else (target.page if target else None)
if original is None:
    st.info(
        f"The original file is no longer at {doc.root or '(unknown folder)'}/{source}; "
        "below is the text as it was indexed."
    )
    indexed_tab = st.container()
else:
    original_tab, indexed_tab = st.tabs(["Original file", "As indexed"])
    with original_tab:
        st.caption(str(original.path) + (f" · opened at page {page}" if original.format == "pdf" and page else ""))
        if original.changed:
            st.warning("This file has changed since it was indexed: answers quote the indexed text (re-run ingest to update).")
        st.download_button(
            "Download original file", original.data, file_name=original.path.name, icon=":material/download:",
            key="download_original",
        )
        if original.format == "pdf":
            st.html(pdf_viewer_html(original.data, page), unsafe_allow_javascript=True)
        else:
            language = {"md": "markdown", "html": "html"}.get(original.format)
            st.code(original_text(original), language=language, line_numbers=True, wrap_lines=True)

with indexed_tab:
    st.download_button(
        "Download document text",
        document_markdown(doc, source, sections),
        file_name=source.rsplit("/", 1)[-1].rsplit(".", 1)[0] + ".md",
        mime="text/markdown",
        icon=":material/download:",
    )
    for s in sections:
        label = s.heading + (f" ({s.clause_id})" if s.clause_id else "")
        st.subheader(render.md_escape(label), anchor=s.anchor, divider="orange" if target is s else False)
        meta = []
        if s.page:
            meta.append(f"page {s.page}")
        if s.decision:
            meta.append(f"declared decision: {s.decision}")
        if s.markets:
            meta.append("markets " + ", ".join(s.markets))
        if meta:
            st.caption(" · ".join(meta))
        st.markdown(render.md_escape(s.text))

if target is not None:
    # Bring the cited section into view (Streamlit scrolls to a #hash only on first load).
    st.html(
        f"<script>setTimeout(function(){{var e=window.parent.document.getElementById('{target.anchor}');"
        "if(e){e.scrollIntoView({behavior:'smooth',block:'start'});}}, 300);</script>",
        unsafe_allow_javascript=True,
    )
