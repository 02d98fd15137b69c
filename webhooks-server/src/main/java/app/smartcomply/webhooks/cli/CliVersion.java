package app.smartcomply.webhooks.cli;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project version the build wrote into application.yml ({@code webhooks.version}). */
final class CliVersion implements IVersionProvider {

    static String version() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        return yaml.getObject().getProperty("webhooks.version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"SmartComply Webhooks " + version()};
    }
}
