"""Community activity read from chat exports: streaming parsers for each format
(``telegram``, ``chatlab``, ``wecom``, ``message_csv``), the format detection and common
event types (``formats``), and the counting that turns events into per-day counts
(``counting``). Pure: no streamlit, no database; message text passes through and is
never kept."""
