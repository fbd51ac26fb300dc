package dev.difyweave.backfill;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Name and version of this build (filtered into a resource by Maven). */
public final class BuildInfo {

    public static final String NAME = "dify-weave-backfill";
    private static final String VERSION = load();

    private BuildInfo() {
    }

    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/dify-weave-backfill-build.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
