package io.noseid.worker.matcher.eval;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Draws TPIR against FAR (log scale, 0.1 % to 100 %) for several systems into a PNG. */
public final class RocPlot {

    private static final Color[] COLORS = {new Color(0, 90, 200), new Color(200, 60, 0), new Color(0, 150, 60),
            new Color(120, 0, 160)};

    private RocPlot() {
    }

    public static void write(Path file, String title, Map<String, List<OpenSetMetrics.RocPoint>> curves)
            throws IOException {
        int w = 800;
        int h = 560;
        int left = 70;
        int right = 30;
        int top = 50;
        int bottom = 60;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        double minLog = -3;
        int pw = w - left - right;
        int ph = h - top - bottom;
        g.setColor(new Color(225, 225, 225));
        for (int e = -3; e <= 0; e++) {
            int x = left + (int) ((e - minLog) / -minLog * pw);
            g.drawLine(x, top, x, top + ph);
        }
        for (int i = 0; i <= 10; i++) {
            int y = top + ph - i * ph / 10;
            g.drawLine(left, y, left + pw, y);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        String[] labels = {"0.1%", "1%", "10%", "100%"};
        for (int e = -3; e <= 0; e++) {
            int x = left + (int) ((e - minLog) / -minLog * pw);
            g.drawString(labels[e + 3], x - 14, top + ph + 18);
        }
        for (int i = 0; i <= 10; i += 2) {
            int y = top + ph - i * ph / 10;
            g.drawString(String.format("%.1f", i / 10.0), left - 30, y + 4);
        }
        g.drawString("false accept rate (impostor probes accepted), log scale", left + pw / 2 - 160, h - 20);
        g.drawString("TPIR", 15, top + ph / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int c = 0;
        for (Map.Entry<String, List<OpenSetMetrics.RocPoint>> e : new LinkedHashMap<>(curves).entrySet()) {
            g.setColor(COLORS[c % COLORS.length]);
            g.setStroke(new BasicStroke(2f));
            int px = -1;
            int py = -1;
            for (OpenSetMetrics.RocPoint p : e.getValue()) {
                double lf = Math.log10(Math.max(p.far(), 1e-3));
                int x = left + (int) ((lf - minLog) / -minLog * pw);
                int y = top + ph - (int) (p.tpir() * ph);
                if (px >= 0) {
                    g.drawLine(px, py, x, py);
                    g.drawLine(x, py, x, y);
                }
                px = x;
                py = y;
            }
            g.fillRect(left + pw - 260, top + ph - 25 - 20 * c, 14, 4);
            g.drawString(e.getKey(), left + pw - 240, top + ph - 20 - 20 * c);
            c++;
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
