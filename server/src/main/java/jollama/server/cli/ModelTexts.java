package jollama.server.cli;

/**
 * A model's texts as {@code /api/show} gives them, for the interactive {@code /show} commands.
 * Each is null when the model has none.
 *
 * @param parameters one {@code name value} line per option
 */
record ModelTexts(String license, String modelfile, String parameters, String system, String template) {
}
