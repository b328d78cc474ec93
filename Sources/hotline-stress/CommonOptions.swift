import ArgumentParser

/// Options every mode takes.
struct CommonOptions: ParsableArguments {
    @Option(help: "The hotline binary (default: the one beside hotline-stress).")
    var hotline: String?

    @Flag(help: "Keep the temporary directories even after a clean run.")
    var keep = false
}
