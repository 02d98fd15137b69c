package app.smartcomply.webhooks.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * "Did you mean" for a mistyped option. picocli suggests options only by a shared two-letter
 * prefix, so {@code --nmae} would get nothing; this offers the command's options within two edits
 * (insertions, deletions, substitutions or swaps of neighbours) of what was typed.
 */
final class OptionSuggestions {

    private static final int MAX_DISTANCE = 2;

    private OptionSuggestions() {}

    static List<String> near(String typed, CommandSpec command) {
        String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        List<String> near = new ArrayList<>();
        for (OptionSpec option : command.options()) {
            for (String candidate : option.names()) {
                if (candidate.startsWith("--") && distance(name, candidate) <= MAX_DISTANCE) {
                    near.add(candidate);
                }
            }
        }
        return near;
    }

    /** Optimal string alignment distance: Levenshtein plus the swap of two neighbouring letters. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
