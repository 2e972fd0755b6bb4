import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws lines from a CSV file as an SVG chart, with no library: one x column and one or more y columns, each a line
 * with its points marked and named in a legend. Non-numeric cells are skipped.
 *
 * <pre>java bench/Chart.java data.csv out.svg "title" "x label" "y label" x_column y_column[=legend] ... [--log-x] [--log-y]</pre>
 */
public class Chart {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};
    private static final int W = 720, H = 420, LEFT = 70, RIGHT = 170, TOP = 40, BOTTOM = 50;

    public static void main(String[] args) throws IOException {
        if (args.length < 7) {
            System.err.println("usage: Chart data.csv out.svg title xlabel ylabel xcol ycol[=legend]... [--log-y]");
            System.exit(2);
        }
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        List<String> header = List.of(lines.get(0).split(","));
        boolean logY = List.of(args).contains("--log-y");
        boolean logX = List.of(args).contains("--log-x");
        int xi = column(header, args[5]);
        List<String> names = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int i = 6; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                continue;
            }
            String[] spec = args[i].split("=", 2);
            ys.add(column(header, spec[0]));
            names.add(spec.length > 1 ? spec[1] : spec[0]);
        }
        List<double[][]> series = new ArrayList<>();
        double xmin = Double.MAX_VALUE, xmax = -Double.MAX_VALUE, ymin = Double.MAX_VALUE, ymax = -Double.MAX_VALUE;
        for (int s = 0; s < ys.size(); s++) {
            List<double[]> points = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                Double x = number(cells, xi);
                Double y = number(cells, ys.get(s));
                if (x == null || y == null || (logY && y <= 0) || (logX && x <= 0)) {
                    continue;
                }
                points.add(new double[] {logX ? Math.log10(x) : x, logY ? Math.log10(y) : y});
            }
            for (double[] p : points) {
                xmin = Math.min(xmin, p[0]);
                xmax = Math.max(xmax, p[0]);
                ymin = Math.min(ymin, p[1]);
                ymax = Math.max(ymax, p[1]);
            }
            series.add(points.toArray(new double[0][]));
        }
        if (xmin > xmax) {
            xmin = 0;
            xmax = 1;
            ymin = 0;
            ymax = 1;
        }
        if (!logY) {
            ymin = Math.min(0, ymin);
        } else {
            ymin = Math.floor(ymin);
            ymax = Math.ceil(ymax);
        }
        if (ymax == ymin) {
            ymax = ymin + 1;
        }
        if (xmax == xmin) {
            xmax = xmin + 1;
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(W / 2.0, 22, esc(args[2]), "middle", 15));
        int pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
        int yTicks = logY && ymax - ymin <= 8 ? (int) (ymax - ymin) : 5;
        for (int t = 0; t <= yTicks; t++) {
            double yv = ymin + (ymax - ymin) * t / yTicks;
            double py = TOP + ph - ph * t / (double) yTicks;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, py, LEFT + pw, py));
            svg.append(text(LEFT - 6, py + 4, label(logY ? Math.pow(10, yv) : yv), "end", 11));
        }
        java.util.TreeSet<Double> xTicks = new java.util.TreeSet<>();
        if (logX) {
            series.forEach(points -> java.util.Arrays.stream(points).forEach(p -> xTicks.add(p[0])));
        }
        if (!logX || xTicks.size() > 10) {
            xTicks.clear();
            for (int t = 0; t <= 5; t++) {
                xTicks.add(xmin + (xmax - xmin) * t / 5);
            }
        }
        for (double xv : xTicks) {
            double px = LEFT + pw * (xv - xmin) / (xmax - xmin);
            svg.append(text(px, TOP + ph + 18, label(logX ? Math.pow(10, xv) : xv), "middle", 11));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#444\"/>%n", LEFT, TOP, pw, ph));
        svg.append(text(LEFT + pw / 2.0, H - 12, esc(args[3] + (logX ? " (log scale)" : "")), "middle", 12));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(16 %.1f) rotate(-90)\" text-anchor=\"middle\">"
                + "%s</text>%n", TOP + ph / 2.0, esc(args[4] + (logY ? " (log scale)" : ""))));
        for (int s = 0; s < series.size(); s++) {
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder path = new StringBuilder();
            for (double[] p : series.get(s)) {
                double px = LEFT + pw * (p[0] - xmin) / (xmax - xmin);
                double py = TOP + ph - ph * (p[1] - ymin) / (ymax - ymin);
                path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py,
                        colour));
            }
            if (path.length() > 0) {
                svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"2\"/>\n");
            }
            int ly = TOP + 10 + 20 * s;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", LEFT + pw + 12, ly, LEFT + pw + 32, ly, colour));
            svg.append(text(LEFT + pw + 38, ly + 4, esc(names.get(s)), "start", 12));
        }
        svg.append("</svg>\n");
        Files.writeString(Path.of(args[1]), svg);
    }

    private static int column(List<String> header, String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + header);
        }
        return i;
    }

    private static Double number(String[] cells, int i) {
        try {
            return i < cells.length ? Double.valueOf(cells[i].trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String label(double v) {
        return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.2g", v);
    }

    private static String text(double x, double y, String s, String anchor, int size) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, anchor, size, s);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
