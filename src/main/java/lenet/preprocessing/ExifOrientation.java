package lenet.preprocessing;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import org.w3c.dom.Node;

/**
 * The EXIF orientation of a JPEG (phones store portrait photos as landscape pixels plus this tag), and the rotation
 * or mirror that shows the picture upright. ImageIO does not apply it by itself.
 */
final class ExifOrientation {
    static final int NORMAL = 1;
    private static final String JPEG_METADATA = "javax_imageio_jpeg_image_1.0";
    private static final int APP1 = 0xE1;
    private static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {}

    /** The orientation (1–8) recorded in the metadata, or {@link #NORMAL} when there is none. */
    static int of(IIOMetadata metadata) {
        if (metadata == null
                || !java.util.Arrays.asList(metadata.getMetadataFormatNames()).contains(JPEG_METADATA)) {
            return NORMAL;
        }
        Node root = metadata.getAsTree(JPEG_METADATA);
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!"markerSequence".equals(n.getNodeName())) {
                continue;
            }
            for (Node m = n.getFirstChild(); m != null; m = m.getNextSibling()) {
                if ("unknown".equals(m.getNodeName())
                        && m instanceof IIOMetadataNode node
                        && Integer.toString(APP1).equals(node.getAttribute("MarkerTag"))
                        && node.getUserObject() instanceof byte[] data) {
                    int orientation = fromExif(data);
                    if (orientation != NORMAL) {
                        return orientation;
                    }
                }
            }
        }
        return NORMAL;
    }

    /** Reads tag 0x0112 from IFD0 of an APP1 "Exif" payload; anything malformed counts as normal. */
    static int fromExif(byte[] app1) {
        try {
            if (app1.length < 14 || app1[0] != 'E' || app1[1] != 'x' || app1[2] != 'i' || app1[3] != 'f') {
                return NORMAL;
            }
            ByteBuffer tiff = ByteBuffer.wrap(app1, 6, app1.length - 6).slice();
            tiff.order(tiff.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            int ifd = tiff.getInt(4);
            int entries = tiff.getShort(ifd) & 0xffff;
            for (int i = 0; i < entries; i++) {
                int entry = ifd + 2 + i * 12;
                if ((tiff.getShort(entry) & 0xffff) == ORIENTATION_TAG) {
                    int value = tiff.getShort(entry + 8) & 0xffff;
                    return value >= 1 && value <= 8 ? value : NORMAL;
                }
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            // a damaged EXIF block: show the pixels as stored
        }
        return NORMAL;
    }

    /** The image turned upright for the given orientation. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation <= NORMAL || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> {
                t.translate(w, 0);
                t.scale(-1, 1);
            }
            case 3 -> {
                t.translate(w, h);
                t.rotate(Math.PI);
            }
            case 4 -> {
                t.translate(0, h);
                t.scale(1, -1);
            }
            case 5 -> {
                t.rotate(-Math.PI / 2);
                t.scale(-1, 1);
            }
            case 6 -> {
                t.translate(h, 0);
                t.rotate(Math.PI / 2);
            }
            case 7 -> {
                t.scale(-1, 1);
                t.translate(-h, 0);
                t.translate(0, w);
                t.rotate(3 * Math.PI / 2);
            }
            default -> {
                t.translate(0, w);
                t.rotate(3 * Math.PI / 2);
            } // 8
        }
        boolean swap = orientation >= 5;
        BufferedImage upright = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_ARGB);
        new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, upright);
        return upright;
    }
}
