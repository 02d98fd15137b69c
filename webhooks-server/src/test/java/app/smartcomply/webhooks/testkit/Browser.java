package app.smartcomply.webhooks.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium, driven through the system's chromedriver — Debian's {@code chromium}
 * and {@code chromium-driver} packages, never a downloaded one (Selenium Manager is bypassed by
 * naming both binaries). Every page the browser lands on through {@link #open} or {@link #click}
 * is saved as a full-page PNG under {@code target/screenshots/<test>/}, and tests add named shots
 * of states a page reaches in place (htmx updates, a phone-sized window).
 *
 * <p>When the browser is not installed the test is skipped, loudly — except under {@code CI=true},
 * where a missing browser is a broken build machine and fails the test.
 */
public final class Browser implements AutoCloseable {

    public static final Dimension DESKTOP = new Dimension(1366, 900);
    public static final Dimension PHONE = new Dimension(390, 844);

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path screenshots;
    private final Path profile;
    private int shot;
    private Path lastAutoShot;

    private Browser(ChromeDriver driver, String baseUrl, Path screenshots, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.screenshots = screenshots;
        this.profile = profile;
    }

    /**
     * Starts a fresh browser (its own empty profile) for one test.
     *
     * @param testName names the screenshot folder
     */
    public static Browser start(String baseUrl, String testName) {
        requireInstalled();
        // Naming the driver (here and in the service) makes Selenium skip Selenium Manager; should it
        // ever run anyway, SE_* properties reach it as settings and it stays offline.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        System.setProperty("SE_OFFLINE", "true");
        try {
            Path profile = Files.createTempDirectory("chromium-profile-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile,
                    "--window-size=" + DESKTOP.width + "," + DESKTOP.height,
                    "--lang=en-GB");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            Path screenshots = Path.of("target", "screenshots", testName);
            deleteTree(screenshots);
            Files.createDirectories(screenshots);
            return new Browser(driver, baseUrl, screenshots, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "Headless Chromium tests need " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install -y chromium chromium-driver).";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " CI=true, so a missing browser fails the build.");
        }
        System.err.println("\n*** SKIPPING BROWSER TEST: " + message + " ***\n");
        Assumptions.abort(message);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of the service, e.g. {@code /dashboard}, and keeps a screenshot of it. */
    public Browser open(String path) {
        driver.get(baseUrl + path);
        autoShot();
        return this;
    }

    public String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * Visible text of the first element matching {@code css}. Read again if the element is swapped
     * out mid-read (the delivery log replaces itself while it polls).
     */
    public String text(String css) {
        return await(d -> d.findElement(By.cssSelector(css)).getText());
    }

    /** Visible text of the whole page. */
    public String pageText() {
        return find("body").getText();
    }

    public Browser type(String css, String text) {
        lastAutoShot = null;
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /**
     * Clicks; if that led to another page, keeps a screenshot of it.
     *
     * <p>A plain link or a submit button of an ordinary (non-htmx) form navigates, and the browser
     * may return from the click before the next page has loaded — on a loaded machine the test
     * would then read the old page. For those the click waits (bounded) until the new page is
     * there. htmx-driven elements update the page in place and are not waited for here; tests wait
     * for their effect with {@link #text} or {@link #await}.
     */
    public Browser click(String css) {
        script("window.__samePageMarker = true;");
        lastAutoShot = null;
        WebElement element = find(css);
        boolean navigates = Boolean.TRUE.equals(script(NAVIGATES, element));
        element.click();
        if (navigates) {
            await(d -> !Boolean.TRUE.equals(script("return window.__samePageMarker === true;"))
                    && "complete".equals(script("return document.readyState;")));
        }
        if (!Boolean.TRUE.equals(script("return window.__samePageMarker === true;"))) {
            autoShot();
        }
        return this;
    }

    /** Whether clicking {@code arguments[0]} loads another page (rather than htmx or nothing). */
    private static final String NAVIGATES = """
      const e = arguments[0];
      const htmx = el => !!el && [...el.attributes].some(a => a.name.startsWith('hx-') || a.name.startsWith('data-hx-'));
      if (htmx(e)) return false;
      if (e.tagName === 'A') {
        const href = e.getAttribute('href');
        return !!href && !href.startsWith('#') && !htmx(e.closest('[hx-boost]'));
      }
      const form = e.form || e.closest('form');
      const submits = (e.tagName === 'BUTTON' && (e.getAttribute('type') || 'submit') === 'submit')
          || (e.tagName === 'INPUT' && e.type === 'submit');
      return submits && !!form && !htmx(form) && (form.noValidate || form.checkValidity());
      """;

    /**
     * Shoots the page just reached. If the test names a shot of it before doing anything else,
     * that named shot takes this one's place rather than repeating it.
     */
    private void autoShot() {
        lastAutoShot = take(pageName());
    }

    /** A file-name-safe name for the current page: its path without ids or query. */
    private String pageName() {
        String path = path().replaceFirst("\\?.*", "").replaceAll("(whe|whd|evt)_[0-9a-f]{32}", "$1");
        String name = path.replaceAll("[^A-Za-z0-9_]+", "-").replaceAll("^-|-$", "");
        return "page-" + (name.isEmpty() ? "root" : name);
    }

    /**
     * Waits (bounded, only to catch a hang) until the condition holds. A page that reloads itself
     * (a running check) can replace an element between its lookup and its read; the condition is
     * then simply tried again.
     */
    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    public Browser resize(Dimension size) {
        lastAutoShot = null;
        driver.manage().window().setSize(size);
        return this;
    }

    /**
     * Saves the whole page (not just the viewport) as {@code NN-name.png}: the window is stretched
     * to the page's height for the shot, then put back.
     */
    public Path screenshot(String name) {
        Path replacing = lastAutoShot;
        lastAutoShot = null;
        if (replacing != null) {
            try {
                Files.deleteIfExists(replacing);
                shot--;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return take(name);
    }

    private Path take(String name) {
        Dimension before = driver.manage().window().getSize();
        Number height =
                (Number) script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);");
        int chrome = before.height - ((Number) script("return window.innerHeight;")).intValue();
        driver.manage()
                .window()
                .setSize(new Dimension(before.width, Math.max(before.height, height.intValue() + chrome)));
        try {
            File png = driver.getScreenshotAs(OutputType.FILE);
            Path target = screenshots.resolve(String.format("%02d-%s.png", ++shot, name));
            Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** The value of a cookie the browser holds for the service, or null. */
    public String cookie(String name) {
        var cookie = driver.manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    /** Best effort: a leftover temporary profile or an old screenshot is harmless. */
    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // See above.
        }
    }
}
