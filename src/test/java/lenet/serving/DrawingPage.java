package lenet.serving;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;

/**
 * {@code lenet serve}'s page in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), drawn
 * on as a person draws: pointer-down, moves at a person's pace, pointer-up, one sequence a stroke.
 */
public final class DrawingPage implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** The page shows the answer for the last image it sent, and nothing more is on its way. */
    private static final String SETTLED = "return Number(document.body.dataset.answers || 0) > 0 && timer === null"
            + " && inFlight === 0 && !pending && document.body.dataset.shown === document.body.dataset.sent;";

    private final ChromeDriver browser;
    private final Path profile;

    private DrawingPage(ChromeDriver browser, Path profile) {
        this.browser = browser;
        this.profile = profile;
    }

    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Starts Chromium; {@link #open} loads the page. */
    public static DrawingPage start() throws Exception {
        // Selenium warns that it has no DevTools bindings for this Chromium: nothing here uses them
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.SEVERE);
        Path profile = Files.createTempDirectory("lenet-chromium");
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
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new DrawingPage(browser, profile);
    }

    public ChromeDriver browser() {
        return browser;
    }

    public void open(URI page) {
        browser.get(page.toString());
    }

    public void clear() {
        browser.findElement(By.id("clear")).click();
    }

    /** Strokes through points given in pixels from the pad's centre, with the mouse, a move every 15 ms. */
    public void draw(int[][]... strokes) {
        draw(PointerInput.Kind.MOUSE, strokes);
    }

    public void draw(PointerInput.Kind kind, int[][]... strokes) {
        WebElement pad = browser.findElement(By.id("pad"));
        PointerInput pen = new PointerInput(kind, kind == PointerInput.Kind.TOUCH ? "finger" : "mouse pen");
        List<Sequence> sequences = new ArrayList<>();
        Sequence sequence = new Sequence(pen, 0);
        for (int[][] points : strokes) {
            sequence.addAction(pen.createPointerMove(
                    Duration.ZERO, PointerInput.Origin.fromElement(pad), points[0][0], points[0][1]));
            sequence.addAction(pen.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
            for (int[] point : points) {
                sequence.addAction(pen.createPointerMove(
                        Duration.ofMillis(15), PointerInput.Origin.fromElement(pad), point[0], point[1]));
            }
            sequence.addAction(pen.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        }
        sequences.add(sequence);
        browser.perform(sequences);
    }

    /** Whether the page has answered and settled within 20 s; then {@link #digit()} is its answer for the drawing. */
    public boolean settled() {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!Boolean.TRUE.equals(browser.executeScript(SETTLED)) && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        return Boolean.TRUE.equals(browser.executeScript(SETTLED));
    }

    public String digit() {
        return browser.findElement(By.id("digit")).getText();
    }

    public String error() {
        return browser.findElement(By.id("error")).getText();
    }

    @Override
    public void close() throws Exception {
        browser.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
