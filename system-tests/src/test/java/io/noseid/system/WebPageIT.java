package io.noseid.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web page at {@code /}, in Debian's headless Chromium, against the real stack (packaged gateway, one worker,
 * MariaDB, Redis, RabbitMQ): a refused registration with a reason per photo and retakes, a registration, a match, a
 * stranger, the language switch, and an admin deleting the dog. The worker runs with the nose detector off because
 * the photos are synthetic nose crops (see {@link ServiceFlowIT}); the refusal is real all the same: plain walls
 * are refused by the worker's quality gate (no nose pattern: "blurred").
 * Screenshots at 390 x 844 and 1280 x 800 go to {@code docs/}.
 */
class WebPageIT {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);
    private static final Path ROOT = Path.of(System.getProperty("noseid.repository.root", "..")).toAbsolutePath()
            .normalize();

    @Test
    void aShelterRegistersAndIdentifiesADogAndAnAdminDeletesIt(@TempDir Path photos) throws Exception {
        Path[] browser = chromiumAndDriver();
        Optional<Path> chromium = Optional.of(browser[0]);
        Optional<Path> chromedriver = Optional.of(browser[1]);

        List<Path> blank = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            blank.add(write(photos.resolve("wall-" + (i + 1) + ".jpg"), wall(i)));
        }
        SyntheticNoses noses = new SyntheticNoses(20261201L);
        List<Path> choco = new ArrayList<>();
        List<byte[]> chocoPhotos = noses.photos(1, 0, 6);
        for (int i = 0; i < chocoPhotos.size(); i++) {
            choco.add(write(photos.resolve("choco-" + (i + 1) + ".jpg"), chocoPhotos.get(i)));
        }
        Path stranger = write(photos.resolve("stranger.jpg"), noses.photos(2, 0, 1).getFirst());

        try (NoseIdStack stack = NoseIdStack.start(1, Map.of("NOSEID_WORKER_DETECTOR_ENABLED", "false",
                "NOSEID_WORKER_MATCHER_ADAPTATION_MIN_DOGS", "2"))) {
            thePageIsPublicAndTheApiStaysKeyedAndClosedToOtherOrigins(stack.baseUrl());
            ChromeDriver driver = browser(chromium.get(), chromedriver.get());
            try {
                new Scenario(driver, stack).run(blank, choco, stranger);
            } finally {
                driver.quit();
            }
        }
    }

    /**
     * With the detector on (the default), every result photo is drawn with the box the detector reported and its
     * confidence. Real dog photos from {@code dog-nose-boxes} (test split, never trained on): two face crops as they
     * are and one close-up cut around a nose and enlarged to a phone's size. Whatever the gate decides for each photo,
     * the page must show the API's box where the API put it (green when the photo was used, yellow when refused), and
     * the detector must have found at least one labelled nose (IoU at least 0.5 with the label).
     */
    @Test
    void everyResultPhotoIsDrawnWithTheNoseBoxTheDetectorFound(@TempDir Path photos) throws Exception {
        Path[] browser = chromiumAndDriver();
        Optional<Path> chromium = Optional.of(browser[0]);
        Optional<Path> chromedriver = Optional.of(browser[1]);
        Path testSplit = Path.of(System.getProperty("noseid.datasets", ROOT.resolveSibling("shared/datasets")
                .toString())).resolve("dog-nose-boxes/test");
        assumeTrue(Files.isDirectory(testSplit.resolve("images")), "WebPageIT nose-box test skipped: real dog photos "
                + "not found at " + testSplit + " (../shared/datasets/dog-nose-boxes, or -Dnoseid.datasets=DIR)");

        List<String> names;
        try (Stream<Path> images = Files.list(testSplit.resolve("images"))) {
            names = images.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jpg")).sorted().limit(3)
                    .toList();
        }
        List<Path> files = new ArrayList<>();
        List<double[]> labels = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            BufferedImage image = ImageIO.read(testSplit.resolve("images").resolve(name).toFile());
            double[] label = yoloBox(testSplit.resolve("labels").resolve(name.replaceFirst("\\.jpg$", ".txt")),
                    image.getWidth(), image.getHeight());
            if (i == names.size() - 1) {
                // A phone close-up: the nose about half of a 320 px frame.
                double side = Math.max(label[2] - label[0], label[3] - label[1]) * 2.0;
                int x0 = (int) Math.max(0, Math.min(image.getWidth() - side, (label[0] + label[2] - side) / 2));
                int y0 = (int) Math.max(0, Math.min(image.getHeight() - side, (label[1] + label[3] - side) / 2));
                int cut = (int) Math.min(Math.min(image.getWidth(), image.getHeight()), Math.round(side));
                double zoom = 320.0 / cut;
                BufferedImage closeUp = new BufferedImage(320, 320, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = closeUp.createGraphics();
                g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                        java.awt.RenderingHints.VALUE_INTERPOLATION_BICUBIC);
                g.drawImage(image, 0, 0, 320, 320, x0, y0, x0 + cut, y0 + cut, null);
                g.dispose();
                image = closeUp;
                label = new double[] {(label[0] - x0) * zoom, (label[1] - y0) * zoom, (label[2] - x0) * zoom,
                        (label[3] - y0) * zoom};
            }
            java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
            ImageIO.write(image, "jpg", jpeg);
            files.add(write(photos.resolve("dog-" + (i + 1) + ".jpg"), jpeg.toByteArray()));
            labels.add(label);
        }

        try (NoseIdStack stack = NoseIdStack.start(1, Map.of())) {
            ChromeDriver driver = browser(chromium.get(), chromedriver.get());
            try {
                Scenario page = new Scenario(driver, stack);
                page.desktop();
                driver.get(stack.baseUrl() + "/");
                page.wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
                page.enterKey(NoseIdStack.CLIENT_KEY);
                page.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
                driver.findElement(By.id("tab-identify")).click();
                driver.findElement(By.id("id-photos-many")).sendKeys(paths(files));
                driver.findElement(By.id("identify-submit")).click();
                String outcome = page.outcome("identify-result");
                assertTrue(List.of("NO_MATCH", "REJECTED").contains(outcome), outcome);

                List<WebElement> shown = driver.findElements(By.cssSelector("#identify-result li.result-photo"));
                assertEquals(files.size(), shown.size());
                page.wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                        "return [...document.querySelectorAll('#identify-result canvas')]"
                                + ".every(c => c.dataset.drawn === 'true')"));
                double bestIou = 0;
                for (WebElement photo : shown) {
                    int index = Integer.parseInt(photo.getDomAttribute("data-index"));
                    WebElement canvas = photo.findElement(By.tagName("canvas"));
                    java.util.regex.Matcher box = java.util.regex.Pattern
                            .compile("\\(x (\\d+), y (\\d+), (\\d+) × (\\d+)\\)")
                            .matcher(canvas.getDomAttribute("aria-label"));
                    if (!box.find()) {
                        assertFalse(photo.findElement(By.className("box-text")).getDomProperty("textContent")
                                .startsWith("Nose found"));
                        continue;
                    }
                    int x = Integer.parseInt(box.group(1));
                    int y = Integer.parseInt(box.group(2));
                    int w = Integer.parseInt(box.group(3));
                    int h = Integer.parseInt(box.group(4));
                    String boxText = photo.findElement(By.className("box-text")).getDomProperty("textContent");
                    assertTrue(boxText.matches("Nose found, confidence \\d+\\s?%"), boxText);
                    // The stroke runs along the box's edges: one pixel inside the bottom edge, at its middle.
                    BufferedImage original = ImageIO.read(files.get(index).toFile());
                    double scale = ((Number) page.script("return arguments[0].width", canvas)).doubleValue()
                            / original.getWidth();
                    List<?> rgb = (List<?>) page.script("const c = arguments[0].getContext('2d')"
                            + ".getImageData(arguments[1], arguments[2], 1, 1).data; return [c[0], c[1], c[2]];",
                            canvas, (int) Math.floor((x + w / 2.0) * scale),
                            (int) Math.floor((y + h) * scale) - 1);
                    Color drawn = new Color(((Number) rgb.get(0)).intValue(), ((Number) rgb.get(1)).intValue(),
                            ((Number) rgb.get(2)).intValue());
                    boolean accepted = photo.getDomAttribute("class").contains("accepted");
                    Color expected = accepted ? new Color(0x2e, 0xe0, 0x6f) : new Color(0xff, 0xcc, 0x00);
                    assertTrue(distance(drawn, expected) < 60, "photo " + (index + 1) + " (" + names.get(index)
                            + "): expected the " + (accepted ? "green" : "yellow") + " box edge at the API's box "
                            + box.group() + ", found " + drawn);
                    bestIou = Math.max(bestIou, iou(new double[] {x, y, x + w, y + h}, labels.get(index)));
                }
                assertTrue(bestIou >= 0.5, "the detector should find at least one labelled nose of " + names
                        + ", best IoU " + bestIou);
            } finally {
                driver.quit();
            }
        }
    }

    /** Chromium and chromedriver; the test is skipped, saying how to install them, when either is missing. */
    private static Path[] chromiumAndDriver() {
        Optional<Path> chromium = firstExecutable("noseid.chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium");
        Optional<Path> chromedriver = firstExecutable("noseid.chromedriver", "/usr/bin/chromedriver",
                "/usr/lib/chromium/chromedriver");
        assumeTrue(chromium.isPresent() && chromedriver.isPresent(),
                "WebPageIT skipped: Chromium and chromedriver are not installed "
                        + "(apt-get install -y chromium chromium-driver; .ci/run installs them)");
        return new Path[] {chromium.get(), chromedriver.get()};
    }

    private static double[] yoloBox(Path label, int width, int height) throws IOException {
        String[] v = Files.readString(label).trim().split("\\s+");
        double cx = Double.parseDouble(v[1]) * width;
        double cy = Double.parseDouble(v[2]) * height;
        double w = Double.parseDouble(v[3]) * width;
        double h = Double.parseDouble(v[4]) * height;
        return new double[] {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
    }

    private static double iou(double[] a, double[] b) {
        double iw = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        double ih = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
    }

    private static double distance(Color a, Color b) {
        return Math.sqrt(Math.pow(a.getRed() - b.getRed(), 2) + Math.pow(a.getGreen() - b.getGreen(), 2)
                + Math.pow(a.getBlue() - b.getBlue(), 2));
    }

    /** Plain HTTP: the page needs no key, /api/v1 still does, and no other origin is let in (CORS off). */
    private static void thePageIsPublicAndTheApiStaysKeyedAndClosedToOtherOrigins(String base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("app.js"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));

        HttpResponse<String> unkeyed = http.send(HttpRequest.newBuilder(
                URI.create(base + "/api/v1/jobs/00000000-0000-0000-0000-000000000000")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, unkeyed.statusCode());

        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/registrations"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-api-key").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
                "CORS must stay closed unless configured: " + preflight.headers().map());
        HttpResponse<String> crossOrigin = http.send(HttpRequest.newBuilder(
                URI.create(base + "/api/v1/jobs/00000000-0000-0000-0000-000000000000"))
                .header("Origin", "https://elsewhere.example").header("X-API-Key", NoseIdStack.CLIENT_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(crossOrigin.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    private static ChromeDriver browser(Path chromium, Path chromedriver) {
        // Both paths given: Selenium Manager has nothing to look up and downloads nothing.
        System.setProperty("webdriver.chrome.driver", chromedriver.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--lang=en-US", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--hide-scrollbars");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogFile(ROOT.resolve("system-tests/target/chromedriver.log").toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    /** The steps a shelter volunteer and an admin take, in order. */
    private static final class Scenario {
        private final ChromeDriver driver;
        private final NoseIdStack stack;
        private final WebDriverWait wait;
        private final WebDriverWait jobWait;

        Scenario(ChromeDriver driver, NoseIdStack stack) {
            this.driver = driver;
            this.stack = stack;
            this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            this.jobWait = new WebDriverWait(driver, JOB_TIMEOUT);
        }

        void run(List<Path> blank, List<Path> choco, Path stranger) throws Exception {
            desktop();
            driver.get(stack.baseUrl() + "/");
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
            assertEquals("en", driver.findElement(By.tagName("html")).getDomAttribute("lang"));

            // The key: a wrong one is refused plainly, the right one is kept in sessionStorage, never in the URL.
            enterKey("not-a-key");
            wait.until(ExpectedConditions.textToBe(By.id("key-error"),
                    "This API key is not valid. Check it and enter it again."));
            enterKey(NoseIdStack.CLIENT_KEY);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
            assertFalse(driver.getCurrentUrl().contains(NoseIdStack.CLIENT_KEY));
            assertEquals(NoseIdStack.CLIENT_KEY, script("return sessionStorage.getItem('noseid.apiKey')"));
            assertEquals(null, script("return localStorage.getItem('noseid.apiKey')"));

            // Register: the contract's field rules are checked before anything is sent.
            type("ownerName", "Kim Minji");
            type("ownerPhone", "010-12");
            type("dogName", "초코");
            new Select(driver.findElement(By.id("dogSex"))).selectByValue("FEMALE");
            driver.findElement(By.id("reg-photos-many")).sendKeys(paths(blank));
            assertEquals(5, driver.findElements(By.cssSelector("#reg-slots .slot.filled img")).size());
            driver.findElement(By.id("register-submit")).click();
            wait.until(ExpectedConditions.textToBe(By.id("ownerPhone-error"),
                    "Use 9 to 15 digits, optionally with +, - and spaces."));
            assertEquals("true", driver.findElement(By.id("ownerPhone")).getDomAttribute("aria-invalid"));
            assertFalse(driver.findElement(By.id("register-progress")).isDisplayed(), "nothing may be sent");

            // Five plain walls: the worker refuses every photo, and says why, next to the photo.
            type("ownerPhone", "010-1234-5678");
            driver.findElement(By.id("register-submit")).click();
            assertEquals("REJECTED", outcome("register-result"));
            List<WebElement> refused = driver.findElements(By.cssSelector("#register-result li.result-photo.refused"));
            assertEquals(5, refused.size());
            for (WebElement photo : refused) {
                String reason = photo.findElement(By.className("reason")).getText();
                assertFalse(reason.isBlank(), "every refused photo says why");
                assertTrue(photo.findElement(By.className("retake")).isDisplayed());
            }
            assertTrue(refused.getFirst().findElement(By.className("reason")).getText().contains("blurred"));
            mobileScreenshot("web-page-mobile.png", "register-progress");

            // "Retake this photo" leads to that photo's slot (its camera on a phone); new photos, and it registers.
            refused.getFirst().findElement(By.className("retake")).click();
            assertEquals("reg-photo-1", script("return document.activeElement.id"));
            for (int i = 0; i < 5; i++) {
                driver.findElement(By.id("reg-photo-" + (i + 1))).sendKeys(choco.get(i).toString());
            }
            driver.findElement(By.id("register-submit")).click();
            assertEquals("REGISTERED", outcome("register-result"));
            String number = driver.findElement(By.id("reg-number")).getText();
            assertTrue(number.matches("\\d{14}ㅊㅋ5678"), number);
            assertEquals(5, driver.findElements(By.cssSelector("#register-result li.result-photo.accepted")).size());

            // Identify the dog from a sixth photo: the same number, the dog and the owner's masked phone.
            // (The tab is chosen from the keyboard.)
            driver.findElement(By.id("tab-identify")).sendKeys(Keys.ENTER);
            assertTrue(driver.findElement(By.id("identify-panel")).isDisplayed());
            driver.findElement(By.id("id-photo-1")).sendKeys(choco.get(5).toString());
            driver.findElement(By.id("identify-submit")).click();
            assertEquals("MATCH", outcome("identify-result"));
            assertEquals(number, driver.findElement(By.id("id-number")).getText());
            String match = driver.findElement(By.id("identify-result")).getText();
            assertTrue(match.contains("초코") && match.contains("010-****-5678"), match);
            desktopScreenshot("web-page-desktop.png", "identify-progress");

            // A dog that was never registered.
            driver.findElement(By.id("id-photo-1")).sendKeys(stranger.toString());
            driver.findElement(By.id("identify-submit")).click();
            assertEquals("NO_MATCH", outcome("identify-result"));

            // Korean and back: the page's texts change, the result is redrawn in the language chosen.
            new Select(driver.findElement(By.id("language"))).selectByValue("ko");
            assertEquals("ko", driver.findElement(By.tagName("html")).getDomAttribute("lang"));
            assertEquals("조회", driver.findElement(By.id("tab-identify")).getText());
            assertEquals("일치 없음", driver.findElement(By.cssSelector("#identify-result h3.outcome")).getText());
            assertEquals("조회하기", driver.findElement(By.id("identify-submit")).getText());
            new Select(driver.findElement(By.id("language"))).selectByValue("en");
            assertEquals("Identify", driver.findElement(By.id("tab-identify")).getText());

            // A client key may look the dog up (contact masked) but not delete it: the page says why.
            driver.findElement(By.id("tab-admin")).click();
            type("lookup-number", number);
            driver.findElement(By.id("lookup-submit")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("delete-dog")));
            assertTrue(driver.findElement(By.id("lookup-result")).getText().contains("010-****-5678"));
            driver.findElement(By.id("delete-dog")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-ok"))).click();
            wait.until(ExpectedConditions.textToBe(By.id("lookup-error"),
                    "Your key may not do this: it needs the admin role."));

            // An admin key may, after a confirmation.
            driver.findElement(By.id("change-key")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
            assertEquals(null, script("return sessionStorage.getItem('noseid.apiKey')"));
            enterKey(NoseIdStack.ADMIN_KEY);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
            driver.findElement(By.id("tab-admin")).click();

            // The matcher's status as the worker serves it, then an adaptation started from the page: its
            // progress, its outcome with the new version (a second dog is registered so that there is a gallery to
            // learn from; the worker accepts 2 dogs here).
            NoseIdClient admin = new NoseIdClient(stack.baseUrl(), NoseIdStack.ADMIN_KEY);
            String version = admin.matcher().then().statusCode(200).extract().path("matcherVersion");
            driver.findElement(By.id("matcher-status")).click();
            wait.until(d -> d.findElement(By.id("matcher-result")).getText().contains(version));
            assertTrue(driver.findElement(By.id("matcher-result")).getText().contains("Matcher version"));
            admin.awaitSucceeded(admin.register(new SyntheticNoses(20261201L).photos(3, 0, 5),
                    new NoseIdClient.Owner("Han Seoyeon", "010-7777-8888"), "Nabi"));
            driver.findElement(By.id("matcher-adapt")).click();
            assertEquals("ADAPTED", jobWait.until(d -> {
                List<WebElement> heading = d.findElements(By.cssSelector("#adapt-result h4.outcome"));
                return heading.isEmpty() ? null : heading.getFirst().getDomAttribute("data-outcome");
            }));
            String adapted = stack.text("SELECT version FROM matcher_version WHERE state = 'ACTIVE'");
            assertNotEquals(version, adapted);
            assertTrue(driver.findElement(By.id("adapt-result")).getText().contains(adapted),
                    () -> driver.findElement(By.id("adapt-result")).getText());

            type("lookup-number", number);
            driver.findElement(By.id("lookup-submit")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("delete-dog")));
            String dog = driver.findElement(By.id("lookup-result")).getText();
            assertTrue(dog.contains("초코") && dog.replaceAll("\\D", "").contains("01012345678"),
                    "an admin sees the whole phone: " + dog);

            driver.findElement(By.id("delete-dog")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-delete")));
            assertEquals("confirm-cancel", script("return document.activeElement.id"));
            driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-delete")));
            new NoseIdClient(stack.baseUrl(), NoseIdStack.ADMIN_KEY).dog(number).then().statusCode(200);

            driver.findElement(By.id("delete-dog")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-ok"))).click();
            wait.until(ExpectedConditions.textToBe(By.id("delete-done"), number + " was deleted."));
            new NoseIdClient(stack.baseUrl(), NoseIdStack.ADMIN_KEY).dog(number).then().statusCode(404);
        }

        private void enterKey(String key) {
            WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
            input.clear();
            input.sendKeys(key);
            driver.findElement(By.id("key-submit")).click();
        }

        private void type(String id, String text) {
            WebElement input = driver.findElement(By.id(id));
            input.clear();
            input.sendKeys(text);
        }

        /** Waits for the job's outcome heading (the area is emptied when a job is sent) and returns the outcome. */
        private String outcome(String area) {
            return jobWait.until(d -> {
                List<WebElement> heading = d.findElements(By.cssSelector("#" + area + " h3.outcome"));
                return heading.isEmpty() ? null : heading.getFirst().getDomAttribute("data-outcome");
            });
        }

        private Object script(String js, Object... args) {
            return ((JavascriptExecutor) driver).executeScript(js, args);
        }

        private void desktop() {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        }

        private void mobileScreenshot(String file, String scrollTo) throws IOException {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
            try {
                screenshot(file, scrollTo, 390, 844);
                Number width = (Number) script("return document.documentElement.scrollWidth");
                assertTrue(width.intValue() <= 390, "the page must not scroll sideways on a phone: " + width);
                driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                        Map.of("width", 360, "height", 740, "deviceScaleFactor", 1, "mobile", true));
                width = (Number) script("return document.documentElement.scrollWidth");
                assertTrue(width.intValue() <= 360, "the page must work at 360 px wide: " + width);
            } finally {
                desktop();
            }
        }

        private void desktopScreenshot(String file, String scrollTo) throws IOException {
            desktop();
            screenshot(file, scrollTo, 1280, 800);
        }

        private void screenshot(String file, String scrollTo, int width, int height) throws IOException {
            script("document.getElementById('" + scrollTo + "').scrollIntoView({block: 'start'});"
                    + "document.activeElement && document.activeElement.blur && document.activeElement.blur();");
            // Every result photo is drawn before the picture is taken.
            wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                    "return document.fonts.status === 'loaded' && [...document.querySelectorAll('canvas')]"
                            + ".every(c => c.width !== 160)"));
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(width, image.getWidth());
            assertEquals(height, image.getHeight());
            Path target = ROOT.resolve("docs").resolve(file);
            Files.write(target, png);
        }
    }

    private static String paths(List<Path> files) {
        return String.join("\n", files.stream().map(Path::toString).toList());
    }

    private static Optional<Path> firstExecutable(String property, String... candidates) {
        return Stream.concat(Stream.ofNullable(System.getProperty(property)), Stream.of(candidates))
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }

    /** A phone pointed at a plain wall: smooth shading, nothing sharp to match. */
    private static byte[] wall(int shade) throws IOException {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(200 - 20 * shade, 190, 170), 640, 480,
                new Color(120, 110 + 10 * shade, 100)));
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, "jpg", jpeg);
        return jpeg.toByteArray();
    }
}
