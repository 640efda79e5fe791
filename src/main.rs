fn main() {
    console_error_panic_hook::set_once();
    // The app renders nothing of its own here: it mounts its pieces into the page's slots
    // (src/ui/slots.rs).
    leptos::mount::mount_to_body(tactics_explorer::ui::App);
}
