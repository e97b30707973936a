from django.apps import AppConfig

from home import scheduler


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Programs"

    def ready(self):
        # The registration jobs read the models, which are only importable once apps are ready.
        from programs.registrations import jobs

        for job in jobs.SCHEDULED:
            scheduler.add_job(job)
