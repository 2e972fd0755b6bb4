package org.switchboard.itests.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver (no driver or browser download), sending the
 * administrator's Basic credentials with every request, with screenshots saved as test artifacts.
 */
final class Browser implements AutoCloseable {

    final ChromeDriver driver;
    private final Path shots;
    private final String authorization;

    Browser(String authorization, Path profile) throws IOException {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        o.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(profile),
                "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, o);
        this.authorization = authorization;
        authorize();
        shots = Files.createDirectories(Paths.get(System.getProperty("switchboard.screenshots", "target/screenshots")));
    }

    /** Sends the credentials from the current tab (each tab has its own DevTools target). */
    private void authorize() {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand(
                "Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", authorization)));
    }

    /** Opens a new tab and switches to it. */
    void newTab() {
        driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        authorize();
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    /** Clicks something that loads a page and waits until the old page is gone. */
    void clickToLoad(WebElement e) {
        WebElement old = find("html");
        e.click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> gone(old));
    }

    /**
     * Whether an element left the document. Chrome sometimes answers a question about an element of the page being
     * replaced with "Node with given id does not belong to the document" instead of the stale-element error that
     * {@code ExpectedConditions.stalenessOf} expects: that means gone too.
     */
    private static boolean gone(WebElement old) {
        try {
            old.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Clicks and accepts the confirmation dialog the click opens. */
    void clickAndConfirm(WebElement button) {
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> {
            try {
                d.switchTo().alert().accept();
                return true;
            } catch (org.openqa.selenium.NoAlertPresentException e) {
                return false;
            }
        });
    }

    /** Waits up to {@code seconds} for a condition, reloading the page between looks when asked. */
    void await(String what, int seconds, boolean reload, Supplier<Boolean> condition) {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // element not there yet
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; page:\n"
                        + driver.findElement(By.tagName("body")).getText());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (reload) {
                driver.navigate().refresh();
            }
        }
    }

    /** Waits up to 10 s for an element whose text contains {@code needle} (a page loading after a click). */
    void awaitText(String css, String needle) {
        await("'" + needle + "' in " + css, 10, false, () -> text(css).contains(needle));
    }

    /** Saves a screenshot of the whole page as {@code <name>.png}. */
    void screenshot(String name) throws IOException {
        Dimension before = driver.manage().window().getSize();
        Object height = driver.executeScript("return document.documentElement.scrollHeight");
        int h = Math.min(6000, Math.max(before.getHeight(), ((Number) height).intValue() + 40));
        driver.manage().window().setSize(new Dimension(before.getWidth(), h));
        Files.write(shots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(before);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
