"""Draft scenarios generated from a task-language profile: situation-kind templates (YAML data in
simulations/templates/) filled with the profile's own key terms and sentences, every line checked."""
