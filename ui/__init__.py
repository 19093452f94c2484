"""The Gradio UI, built from the same service objects as the API and mounted at /ui."""
