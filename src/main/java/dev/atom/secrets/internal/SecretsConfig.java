package dev.atom.secrets.internal;

import dev.atom.shared.db.AtomProperties;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The master key, verified once at start-up before anything can read or write a secret. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretsProperties.class)
class SecretsConfig {

    @Bean
    MasterKeySource masterKeySource(SecretsProperties secrets, AtomProperties atom) {
        return new MasterKeySource(secrets.masterKey(), atom.dataDir());
    }

    @Bean
    Keyring keyring(MasterKeySource source, SecretRepository secrets, Clock clock) {
        return MasterKeyStartup.open(source, secrets, clock);
    }
}
