fn main() {
    console_error_panic_hook::set_once();
    // Into index.html's own element, hidden until the app takes over the prerendered first view
    // (src/ui/takeover.rs); into the body on a page without one.
    match tactics_explorer::ui::mount_point() {
        Some(app) => leptos::mount::mount_to(app, tactics_explorer::ui::App).forget(),
        None => leptos::mount::mount_to_body(tactics_explorer::ui::App),
    }
}
