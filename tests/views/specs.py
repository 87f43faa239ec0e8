"""Comparing Vega-Lite specs by what they draw."""


def by_content(spec: dict, datasets: dict | None = None) -> object:
    """The spec with each reference to a dataset replaced by its rows (the datasets' names
    are only references); ``datasets`` (name → rows) instead of the spec's own."""
    if datasets is None:
        datasets = spec.get("datasets", {})

    def resolve(node: object) -> object:
        if isinstance(node, dict):
            if set(node) == {"name"} and node["name"] in datasets:
                return datasets[node["name"]]
            return {key: resolve(value) for key, value in node.items() if key != "datasets"}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    return resolve(spec)


def drawn(spec: dict) -> object:
    """The spec with each dataset reference replaced by the rows of its Arrow data (as
    ``st.altair_chart`` and ``dashboard.vega.altair_spec`` send them)."""
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    datasets = {
        name: convert_arrow_bytes_to_pandas_df(data).to_dict("records")
        for name, data in spec.get("datasets", {}).items()
    }
    return by_content(spec, datasets)
