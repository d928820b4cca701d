package lenet.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;

/**
 * The page of {@code lenet serve} in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs): a digit drawn with pointer events is read right, with its ten bars and the image
 * the network saw; an image file opened on the page is read too. Writes {@code target/serve-page.png}, the README's
 * screenshot. Skipped where Chromium is not installed, except under CI, where it must run.
 */
@Tag("cpu-sensitive")
class ServePageBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    static DigitServer server;
    static ChromeDriver browser;
    static Path profile;

    @BeforeAll
    static void start() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") == null) {
            assumeTrue(
                    installed,
                    "Chromium and ChromeDriver are not installed (apt-get install chromium chromium-driver)");
        }
        assertThat(installed)
                .as("CI installs chromium and chromium-driver (.ci/run)")
                .isTrue();
        server = DigitServer.start(
                Checkpoints.load(TestModel.path(), false).network(),
                Map.of("status", "ok"),
                ServeSettings.defaults("127.0.0.1", 0));
        // Selenium warns that it has no DevTools bindings for this Chromium: the test does not use them
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.SEVERE);
        profile = Files.createTempDirectory("lenet-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=820,700",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void open() {
        browser.get(server.address().toString());
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

    /**
     * Waits until the page has answered and has nothing more on its way: no stroke timer set, no drawing being encoded,
     * no request in flight or pending. Every stroke ends with a send of the whole pad, so the answer shown then is for
     * the whole drawing.
     */
    private String settledAnswer() {
        String settled = "return Number(document.body.dataset.answers || 0) > 0 && timer === null && encoding === 0"
                + " && !busy && !pending;";
        long deadline = System.currentTimeMillis() + 20_000;
        while (!Boolean.TRUE.equals(browser.executeScript(settled)) && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(browser.executeScript(settled))
                .as("the page answered and settled")
                .isEqualTo(Boolean.TRUE);
        assertThat(browser.findElement(By.id("error")).getText()).isEmpty();
        return browser.findElement(By.id("digit")).getText();
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
        WebElement pad = browser.findElement(By.id("pad"));
        PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
        Sequence touch = new Sequence(finger, 0);
        int[][] points = line(0, -95, 0, 95, 12);
        touch.addAction(finger.createPointerMove(
                Duration.ZERO, PointerInput.Origin.fromElement(pad), points[0][0], points[0][1]));
        touch.addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        for (int[] point : points) {
            touch.addAction(finger.createPointerMove(
                    Duration.ofMillis(15), PointerInput.Origin.fromElement(pad), point[0], point[1]));
        }
        touch.addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        browser.perform(List.of(touch));
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
                "return document.body.dataset.answers + '/' + busy + '/' + !!pending + '/' + encoding;");
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
