package lenet.preprocessing;

import java.util.ArrayList;
import java.util.List;

/** Where the digit is: the bounding box of the ink, with specks of dust and noise left out. */
final class InkBox {
    /** Pixels at or above this fraction of the ink's peak count as ink for cropping. */
    static final double INK_FRACTION = 0.3;
    /** Connected ink blobs smaller than this fraction of the largest are specks, not strokes. */
    static final double SPECK_FRACTION = 0.05;

    private InkBox() {}

    /**
     * Bounding box {@code [x0, y0, x1, y1)} of the ink: pixels at {@link #INK_FRACTION} of the peak or more, in
     * 8-connected blobs of at least {@link #SPECK_FRACTION} of the largest blob's size.
     */
    static int[] of(double[][] ink) {
        int h = ink.length;
        int w = ink[0].length;
        double threshold = 255 * INK_FRACTION;
        int[] label = new int[h * w];
        List<int[]> blobs = new ArrayList<>(); // {size, x0, y0, x1, y1}
        int[] queue = new int[h * w]; // every pixel enters at most once: it is labelled as it enters
        for (int start = 0, sy = 0; sy < h; sy++) {
            for (int sx = 0; sx < w; sx++, start++) {
                if (label[start] != 0 || ink[sy][sx] < threshold) {
                    continue;
                }
                int id = blobs.size() + 1;
                int[] blob = {0, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
                label[start] = id;
                int head = 0;
                int tail = 0;
                queue[tail++] = start;
                while (head < tail) {
                    int p = queue[head++];
                    int px = p % w;
                    int py = p / w;
                    blob[0]++;
                    blob[1] = Math.min(blob[1], px);
                    blob[2] = Math.min(blob[2], py);
                    blob[3] = Math.max(blob[3], px + 1);
                    blob[4] = Math.max(blob[4], py + 1);
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int nx = px + dx;
                            int ny = py + dy;
                            if (nx >= 0 && ny >= 0 && nx < w && ny < h) {
                                int q = ny * w + nx;
                                if (label[q] == 0 && ink[ny][nx] >= threshold) {
                                    label[q] = id;
                                    queue[tail++] = q;
                                }
                            }
                        }
                    }
                }
                blobs.add(blob);
            }
        }
        int largest = blobs.stream().mapToInt(b -> b[0]).max().orElse(0);
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int[] blob : blobs) {
            if (blob[0] >= SPECK_FRACTION * largest) {
                box[0] = Math.min(box[0], blob[1]);
                box[1] = Math.min(box[1], blob[2]);
                box[2] = Math.max(box[2], blob[3]);
                box[3] = Math.max(box[3], blob[4]);
            }
        }
        return box;
    }
}
