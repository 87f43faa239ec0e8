"""Domain rules and write services. Modules here never import streamlit."""
