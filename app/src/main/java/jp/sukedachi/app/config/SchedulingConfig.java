package jp.sukedachi.app.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The scheduled jobs ({@code @Scheduled}) run on the roles that have them ({@link NodeRole.Part#JOBS}): every role
 * but {@code receiver}, which is stateless and scaled by load.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnNodePart(NodeRole.Part.JOBS)
class SchedulingConfig {
}
