import streamlit as st

from dashboard import auth, clock
from dashboard.domain import review as rules
from dashboard.i18n import current_language, t
from dashboard.i18n.formats import format_date, localized
from dashboard.navigation import ensure_app_shell
from dashboard.review_views import (
    bench_rows,
    evidence_of,
    filter_ratings,
    nine_box_chart,
    people_frame,
    ratings_frame,
    round_name,
    rounds_frame,
    suggestion_text,
)
from dashboard.session import page_db, run_write
from dashboard.tables import show_table
from db import org
from db.access import writable_group_ids

ensure_app_shell()

db, path = page_db()
lang = current_language()
today = clock.today()
actor = auth.actor()
FLASH = "review_flash"

st.title(t("review.title"))
st.caption(t("review.caption"))
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))

if not rules.may_review(db, actor):
    # ratings are confidential: a viewer gets this sentence and nothing else
    st.info(t("review.viewer"))
else:
    rounds = rounds_frame(path)
    this_quarter = rules.quarter_code(today)
    team_wide = writable_group_ids(db, actor) is None
    may_open = team_wide and this_quarter not in [r["period"] for r in rounds]
    opening = may_open and st.button(
        t("review.open_round", period=round_name(this_quarter, lang)), key="review_open_round"
    )
    if opening and run_write(lambda: rules.open_round(db, actor, today)) is not None:
        st.session_state[FLASH] = t("review.round_opened", period=round_name(this_quarter))
        st.rerun()
    if not rounds:
        st.info(t("review.no_round"))
    else:
        by_id = {r["id"]: r for r in rounds}
        round_id = st.selectbox(
            t("review.round"),
            options=list(by_id),
            format_func=lambda i: t(
                "review.round_label",
                period=round_name(by_id[i]["period"], lang),
                count=by_id[i]["ratings"],
            ),
            key="review_round",
        )
        period = by_id[round_id]["period"]
        visible = rules.visible_people(db, actor)
        people = people_frame(path, lang)
        people = people[[visible is None or int(p) in visible for p in people["person_id"]]]
        ratings = ratings_frame(path, actor, int(round_id), lang)
        tab_rate, tab_grid, tab_bench = st.tabs(
            [t("review.tab.rate"), t("review.tab.grid"), t("review.tab.bench")]
        )

        with tab_rate:
            if people.empty:
                st.info(t("review.nobody"))
            else:
                names = dict(zip(people["person_id"], people["name"], strict=True))
                rated = set(ratings["person_id"])
                # the people still to rate first, then those rated
                order = sorted(names, key=lambda i: (i in rated, names[i], i))
                person_id = st.selectbox(
                    t("review.person"),
                    options=order,
                    format_func=lambda i: names[i],
                    key="review_person",
                )
                row = people[people["person_id"] == person_id].iloc[0]
                st.caption(f"{'、'.join(row['roles'])} · {'、'.join(row['groups'])}")
                found = evidence_of(path, period, today.isoformat()).get(int(person_id))
                suggestion = rules.suggest_performance(found or rules.Evidence())
                st.markdown(suggestion_text(suggestion, lang))
                current = ratings[ratings["person_id"] == person_id]
                if not current.empty:
                    mine = current.iloc[0]
                    st.info(
                        t(
                            "review.current",
                            performance=t(f"review.level.{mine['performance']}"),
                            potential=t(f"review.level.{mine['potential']}"),
                            rater=mine["rater"],
                            day=format_date(mine["rated_on"], lang),
                        )
                    )
                level_names = {code: t(f"review.level.{code}") for code in rules.LEVELS}
                with st.form(f"review_form_{person_id}"):
                    left, right = st.columns(2)
                    performance = left.radio(
                        t("review.performance"),
                        options=list(rules.LEVELS),
                        index=rules.LEVELS.index(
                            current.iloc[0]["performance"]
                            if not current.empty
                            else suggestion.level
                        ),
                        format_func=level_names.get,
                        horizontal=True,
                        key=f"review_performance_{person_id}",
                    )
                    potential = right.radio(
                        t("review.potential"),
                        options=list(rules.LEVELS),
                        index=rules.LEVELS.index(
                            current.iloc[0]["potential"] if not current.empty else "medium"
                        ),
                        format_func=level_names.get,
                        horizontal=True,
                        key=f"review_potential_{person_id}",
                    )
                    note = st.text_area(
                        t("review.note"),
                        value=current.iloc[0]["note"] if not current.empty else "",
                        max_chars=rules.MAX_NOTE,
                        height=68,
                        key=f"review_note_{person_id}",
                    )
                    if st.form_submit_button(t("review.save"), type="primary", key="review_save"):
                        saved = run_write(
                            lambda: rules.rate(
                                db,
                                actor,
                                round_id=int(round_id),
                                person_id=int(person_id),
                                performance=performance,
                                potential=potential,
                                note=note,
                                today=today,
                            )
                        )
                        if saved is not None:
                            box = rules.box_of(performance, potential)
                            st.session_state[FLASH] = t(
                                "review.saved", person=names[person_id], box=t(f"review.box.{box}")
                            )
                            st.rerun()

        with tab_grid:
            roles = {r["id"]: localized(r, "name", lang) for r in org.roles(db)}
            groups = {
                gid: name
                for ids, names_ in zip(people["group_ids"], people["groups"], strict=True)
                for gid, name in zip(ids, names_, strict=True)
            }
            left, right = st.columns(2)
            role_filter = left.multiselect(
                t("review.filter.roles"),
                options=list(roles),
                format_func=lambda i: roles.get(i, str(i)),
                key="review_filter_roles",
                placeholder=t("common.choose_many"),
            )
            group_filter = right.multiselect(
                t("review.filter.groups"),
                options=sorted(groups, key=lambda g: groups[g]),
                format_func=lambda i: groups.get(i, str(i)),
                key="review_filter_groups",
                placeholder=t("common.choose_many"),
            )
            shown = filter_ratings(ratings, role_filter, group_filter)
            if shown.empty:
                st.info(t("review.grid.empty"))
            else:
                st.altair_chart(nine_box_chart(shown, lang), width="stretch")
                show_table(
                    shown.assign(
                        box=shown["box"].map(lambda n: t(f"review.box.{n}")),
                        movement=shown["movement"].map(lambda c: t(f"review.move.{c}")),
                        performance=shown["performance"].map(lambda c: t(f"review.level.{c}")),
                        potential=shown["potential"].map(lambda c: t(f"review.level.{c}")),
                        suggested_performance=shown["suggested_performance"].map(
                            lambda c: t(f"review.level.{c}") if isinstance(c, str) else ""
                        ),
                    )[
                        [
                            "person_name",
                            "box",
                            "performance",
                            "potential",
                            "suggested_performance",
                            "movement",
                            "note",
                            "rater",
                        ]
                    ],
                    hide_index=True,
                    column_config={
                        "person_name": t("review.col.person"),
                        "box": t("review.col.box"),
                        "performance": t("review.performance"),
                        "potential": t("review.potential"),
                        "suggested_performance": t("review.col.suggested"),
                        "movement": t("review.col.movement"),
                        "note": t("review.note"),
                        "rater": t("review.col.rater"),
                    },
                )

        with tab_bench:
            st.caption(t("review.bench.help"))
            key_roles = {r["id"]: localized(r, "name", lang) for r in org.roles(db) if r["is_key"]}
            bench_role = st.selectbox(
                t("review.bench.role"),
                options=list(key_roles),
                format_func=lambda i: key_roles.get(i, str(i)),
                key="review_bench_role",
            )
            bench = rules.ranked_bench(db, actor, int(round_id), int(bench_role))
            if not bench:
                st.info(t("review.bench.empty"))
            else:
                show_table(bench_rows(bench, lang), hide_index=True)
