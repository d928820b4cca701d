package lenet.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lenet.checkpoint.Checkpoints;
import lenet.testing.TestModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;

/**
 * The page of {@code lenet serve} in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs): a digit drawn with pointer events is read right, with its ten bars and the image
 * the network saw; an image file opened on the page is read too. Writes {@code target/serve-page.png}, the README's
 * screenshot. Skipped where Chromium is not installed, except under CI, where it must run.
 */
@Tag("cpu-sensitive")
class ServePageBrowserTest {
    static DigitServer server;
    static DrawingPage page;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        if (System.getenv("CI") == null) {
            assumeTrue(
                    DrawingPage.installed(),
                    "Chromium and ChromeDriver are not installed (apt-get install chromium chromium-driver)");
        }
        assertThat(DrawingPage.installed())
                .as("CI installs chromium and chromium-driver (.ci/run)")
                .isTrue();
        server = DigitServer.start(
                Checkpoints.load(TestModel.path(), false).network(),
                Map.of("status", "ok"),
                ServeSettings.defaults("127.0.0.1", 0));
        page = DrawingPage.start();
        browser = page.browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (page != null) {
            page.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void open() {
        page.open(server.address());
    }

    /** Draws one stroke through the points, given in pixels from the pad's centre, with the mouse. */
    private void stroke(int[][] points) {
        WebElement pad = browser.findElement(By.id("pad"));
        Actions actions = new Actions(browser)
                .moveToElement(pad, points[0][0], points[0][1])
                .clickAndHold();
        for (int i = 1; i < points.length; i++) {
            actions.moveByOffset(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]);
        }
        actions.release().perform();
    }

    private static int[][] line(int x0, int y0, int x1, int y1, int steps) {
        int[][] points = new int[steps + 1][];
        for (int i = 0; i <= steps; i++) {
            points[i] = new int[] {x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps};
        }
        return points;
    }

    /** The page's answer once it has settled: the answer for the whole drawing (DrawingPage). */
    private String settledAnswer() {
        assertThat(page.settled()).as("the page answered and settled").isTrue();
        assertThat(page.error()).isEmpty();
        return page.digit();
    }

    /** The bar of the answer is the longest and marked; the ten percentages add up to 100. */
    private void assertBarsShow(int digit) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#bars .bar"));
        assertThat(rows).hasSize(10);
        List<Double> widths = new ArrayList<>();
        double total = 0;
        for (WebElement row : rows) {
            widths.add((double) row.findElement(By.className("fill")).getRect().getWidth());
            total += Double.parseDouble(
                    row.findElement(By.className("pct")).getText().replace("%", ""));
        }
        assertThat(total).isBetween(99.0, 101.0);
        assertThat(widths.indexOf(widths.stream().max(Double::compare).orElseThrow()))
                .isEqualTo(digit);
        assertThat(rows.get(digit).getAttribute("class")).contains("best");
        long inked = (Long) browser.executeScript("const d = document.getElementById('seen').getContext('2d')"
                + ".getImageData(0, 0, 28, 28).data; let n = 0; for (let i = 0; i < d.length; i += 4) "
                + "{ if (d[i] > 128) n++; } return n;");
        assertThat(inked).as("ink pixels in the 28×28 image the network saw").isBetween(20L, 500L);
    }

    /** Records, in the page's clock, each stroke's pointer-down and pointer-up and every answer shown. */
    private static final String PEN_CLOCK = "if (!window.penClock) {"
            + " const clock = window.penClock = {down: 0, up: 0, answers: []};"
            + " const pad = document.getElementById('pad');"
            + " pad.addEventListener('pointerdown', () => { clock.down = performance.now(); clock.answers = []; }, true);"
            + " pad.addEventListener('pointerup', () => { clock.up = performance.now(); }, true);"
            + " new MutationObserver(() => clock.answers.push(performance.now()))"
            + ".observe(document.body, {attributes: true, attributeFilter: ['data-answers']}); }";

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /**
     * 50 digits drawn at a person's pace. The page's clock gives, for each, the time from pointer-up to the last
     * answer (the one for the finished drawing) and the longest wait for an answer while the stroke was drawn; their
     * percentiles go to {@code target/serve-page-latency.json} for performance.md. Timing is measured, not asserted.
     */
    @Test
    void theAnswerFollowsThePen() throws Exception {
        List<Double> afterPenUp = new ArrayList<>();
        List<Double> whileDrawing = new ArrayList<>();
        browser.executeScript(PEN_CLOCK);
        for (int i = 0; i < 50; i++) {
            page.clear();
            int dx = (i % 5) * 10 - 20;
            page.draw(i % 2 == 0 ? line(dx, -95, dx, 95, 20) : line(dx - 70, -90, dx + 10, 100, 20));
            settledAnswer();
            @SuppressWarnings("unchecked")
            Map<String, Object> clock = (Map<String, Object>) browser.executeScript("return window.penClock;");
            double down = ((Number) clock.get("down")).doubleValue();
            double up = ((Number) clock.get("up")).doubleValue();
            List<Double> answers = ((List<?>) clock.get("answers"))
                    .stream().map(a -> ((Number) a).doubleValue()).toList();
            assertThat(answers).as("answers after pointer-up").anyMatch(a -> a >= up);
            afterPenUp.add(answers.get(answers.size() - 1) - up);
            double previous = down;
            double longest = 0;
            for (double a : answers.stream().filter(a -> a < up).toList()) {
                longest = Math.max(longest, a - previous);
                previous = a;
            }
            whileDrawing.add(Math.max(longest, up - previous));
        }
        String json = String.format(
                java.util.Locale.ROOT,
                "{\"drawings\":%d,\"after_pen_up_ms\":{\"p50\":%.1f,\"p90\":%.1f,\"p99\":%.1f,\"max\":%.1f},"
                        + "\"longest_wait_while_drawing_ms\":{\"p50\":%.1f,\"p90\":%.1f,\"p99\":%.1f,\"max\":%.1f}}%n",
                afterPenUp.size(),
                percentile(afterPenUp, 0.5),
                percentile(afterPenUp, 0.9),
                percentile(afterPenUp, 0.99),
                percentile(afterPenUp, 1),
                percentile(whileDrawing, 0.5),
                percentile(whileDrawing, 0.9),
                percentile(whileDrawing, 0.99),
                percentile(whileDrawing, 1));
        Files.writeString(Path.of("target", "serve-page-latency.json"), json);
    }

    /**
     * The pen-up image goes at once, beside the request still on its way; when that older request's answer comes
     * back last, it is dropped. Here the page's first request (the stroke's first move) is held back by 600 ms and
     * answered with an 8 that nothing drew.
     */
    @Test
    @SuppressWarnings("unchecked")
    void anAnswerForAnOlderImageThanTheOneShownIsDropped() throws Exception {
        browser.executeScript("const real = window.fetch; window.digitsShown = [];"
                + " const eight = {digit: 8, probability: 1, probabilities: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0],"
                + " pixels: new Array(784).fill(0)};"
                + " window.fetch = (url, init) => /[?&]seq=1$/.test(url)"
                + " ? new Promise(done => setTimeout(() => done(new Response(JSON.stringify(eight),"
                + " {status: 200, headers: {'Content-Type': 'application/json'}})), 600))"
                + " : real(url, init);"
                + " new MutationObserver(() => digitsShown.push(document.getElementById('digit').textContent))"
                + ".observe(document.body, {attributes: true, attributeFilter: ['data-answers']});");

        page.draw(line(0, -95, 0, 95, 12));

        assertThat(settledAnswer()).isEqualTo("1");
        assertThat(browser.executeScript("return document.body.dataset.sent;"))
                .as("the first move and pen-up at least")
                .isNotEqualTo("1");
        assertThat((List<Object>) browser.executeScript("return window.digitsShown;"))
                .as("the answers shown, in order")
                .isNotEmpty()
                .doesNotContain("8");
    }

    @Test
    void aOneDrawnWithTheMouseIsReadAsOne() throws Exception {
        stroke(line(0, -95, 0, 95, 12));
        assertThat(settledAnswer()).isEqualTo("1");
        assertBarsShow(1);
    }

    @Test
    void aSevenDrawnInOneStrokeIsReadAsSevenAndTheScreenshotIsTaken() throws Exception {
        int[][] top = line(-70, -90, 70, -90, 8);
        int[][] down = line(70, -90, -10, 100, 12);
        int[][] seven = new int[top.length + down.length - 1][];
        System.arraycopy(top, 0, seven, 0, top.length);
        System.arraycopy(down, 1, seven, top.length, down.length - 1);
        stroke(seven);
        assertThat(settledAnswer()).isEqualTo("7");
        assertBarsShow(7);
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", "serve-page.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aOneDrawnWithAFingerIsReadAsOne() throws Exception {
        page.draw(PointerInput.Kind.TOUCH, line(0, -95, 0, 95, 12));
        assertThat(settledAnswer()).isEqualTo("1");
        assertBarsShow(1);
    }

    @Test
    void anImageFileDroppedOnThePadIsRead() throws Exception {
        String base64 = java.util.Base64.getEncoder()
                .encodeToString(Files.readAllBytes(Path.of("src/site/resources/digits/seven-photo.jpg")));
        // a drop as the browser delivers one, with the file in its DataTransfer
        browser.executeScript(
                "const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));"
                        + "const data = new DataTransfer();"
                        + "data.items.add(new File([bytes], 'seven-photo.jpg', {type: 'image/jpeg'}));"
                        + "document.getElementById('pad').dispatchEvent("
                        + "new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));",
                base64);
        assertThat(settledAnswer()).isEqualTo("7");
        assertBarsShow(7);
    }

    @Test
    void clearEmptiesThePadAndTheAnswer() throws Exception {
        stroke(line(0, -95, 0, 95, 8));
        settledAnswer();
        browser.findElement(By.id("clear")).click();
        Object state = browser.executeScript(
                "return document.body.dataset.answers + '/' + inFlight + '/' + !!pending + '/' + timer;");
        assertThat(browser.findElement(By.id("digit")).getText())
                .as(String.valueOf(state))
                .isEqualTo("?");
        Long ink = (Long) browser.executeScript("const d = document.getElementById('pad').getContext('2d')"
                + ".getImageData(0, 0, 280, 280).data; let n = 0; for (let i = 0; i < d.length; i += 4) "
                + "{ if (d[i] < 128) n++; } return n;");
        assertThat(ink).isZero();
    }

    @Test
    void anImageFileOpenedOnThePageIsRead() throws Exception {
        WebElement file = browser.findElement(By.id("file"));
        browser.executeScript("arguments[0].style.display = 'block';", file);
        file.sendKeys(Path.of("src/site/resources/digits/seven-photo.jpg")
                .toAbsolutePath()
                .toString());
        assertThat(settledAnswer()).isEqualTo("7");
        assertBarsShow(7);
    }
}
