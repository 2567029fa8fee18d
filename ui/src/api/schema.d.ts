/**
 * GENERATED from the Planloom OpenAPI document by `make ui-client` (ui/scripts/api-client.mjs).
 * Do not edit: change the API's schemas and regenerate. `make ui-test` fails when this is stale.
 */

export interface paths {
  '/api/v1/auth/register': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Create an account and sign in */
    post: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['Register']
        }
      }
      responses: {
        /** @description Created */
        201: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['AuthResult']
          }
        }
        400: components['responses']['BAD_REQUEST']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/auth/login': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Sign in with email and password */
    post: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['Login']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['AuthResult']
          }
        }
        400: components['responses']['BAD_REQUEST']
        /** @description Unknown email or wrong password */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/auth/refresh': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Exchange a refresh token for a new pair (the old one is used up)
     * @description Send the refresh token as a bearer token, and get the new pair in the body; or, from the
     *     browser that signed in with `refresh_token_delivery: cookie`, send the `planloom_refresh`
     *     cookie with the `X-CSRF-Token` header, and get the new access token in the body and the new
     *     refresh token in the cookie.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          /** @description With the refresh cookie (and only then): the value of the `planloom_csrf` cookie (double-submit CSRF protection). */
          'X-CSRF-Token'?: string
        }
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Tokens']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/auth/logout': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Sign out: revoke this session's access and refresh tokens
     * @description With the access token as a bearer token, or with the refresh cookie and its `X-CSRF-Token`
     *     header. The answer clears the cookies.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          /** @description With the refresh cookie (and only then): the value of the `planloom_csrf` cookie (double-submit CSRF protection). */
          'X-CSRF-Token'?: string
        }
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description No Content */
        204: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/auth/logout-all': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Sign out everywhere: revoke every session of the account
     * @description Like `/auth/logout`, with the access token as a bearer token or with the refresh cookie and
     *     its `X-CSRF-Token` header; every access and refresh token of the account stops working, on
     *     every device. The answer clears the cookies.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          /** @description With the refresh cookie (and only then): the value of the `planloom_csrf` cookie (double-submit CSRF protection). */
          'X-CSRF-Token'?: string
        }
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description No Content */
        204: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/users/me': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** The signed-in user */
    get: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['User']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    /** Change display name or timezone */
    patch: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['ProfilePatch']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['User']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    trace?: never
  }
  '/api/v1/users/me/preferences': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Scheduling preferences (defaults until saved) */
    get: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Preferences']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    /** Replace the scheduling preferences (absent fields take their defaults) */
    put: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['Preferences']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Preferences']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/users': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Every account (admin only) */
    get: {
      parameters: {
        query?: {
          page?: number
          page_size?: number
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Pagination metadata, as JSON */
            'X-Pagination'?: string
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['User'][]
          }
        }
        401: components['responses']['UNAUTHORIZED']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/users/{user_id}': {
    parameters: {
      query?: never
      header?: never
      path: {
        user_id: string
      }
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    /** Change a user's role (admin only) */
    patch: {
      parameters: {
        query?: never
        header?: never
        path: {
          user_id: string
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['RolePatch']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['User']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    trace?: never
  }
  '/api/v1/tasks': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** List tasks: filter by status, category, tag, due range, text and recurrence; sort; paginate */
    get: {
      parameters: {
        query?: {
          status?: ('todo' | 'done' | 'cancelled')[]
          category_id?: string
          tag?: string
          /** @description must be a date-time in the years 1970 to 2200, with a UTC offset */
          due_before?: string
          /** @description must be a date-time in the years 1970 to 2200, with a UTC offset */
          due_after?: string
          q?: string
          /** @description true: only routines (tasks with a recurrence rule); false: only one-off tasks */
          recurring?: boolean
          sort?:
            | 'created_at'
            | '-created_at'
            | 'updated_at'
            | '-updated_at'
            | 'due'
            | '-due'
            | 'priority'
            | '-priority'
            | 'title'
            | '-title'
            | 'duration_minutes'
            | '-duration_minutes'
          page?: number
          page_size?: number
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Pagination metadata, as JSON */
            'X-Pagination'?: string
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['TaskDump'][]
          }
        }
        401: components['responses']['UNAUTHORIZED']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    /**
     * Create a task (honours Idempotency-Key)
     * @description Rules beyond the schema (a 422 names the field): ``category_id`` and ``depends_on`` name your own
     *     category and tasks, ``earliest_start`` is not after ``due``, ``min_chunk_minutes`` does not exceed
     *     ``duration_minutes``, and ``recurrence`` is an RFC 5545 RRULE. A dependency cycle is a 409.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          /** @description Makes a retry safe: 1 to 255 visible ASCII characters (spaces inside; otherwise a 400), chosen by the client, scoped to the user, kept 24 hours. The same key and body again answers the stored response, with `Idempotent-Replayed: true`; the same key with another body is a 422; while the first request with that key still runs, a 409 with `Retry-After`. */
          'Idempotency-Key'?: string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['Task']
        }
      }
      responses: {
        /** @description Created */
        201: {
          headers: {
            /** @description `true` when this is the stored response of an earlier request with the same Idempotency-Key */
            'Idempotent-Replayed'?: 'true'
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['TaskDump']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        /** @description A dependency cycle, or PLANLOOM_MAX_OPEN_TASKS open tasks already; or a request with the same Idempotency-Key is still running (retry after Retry-After) */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        /** @description Unprocessable content; or the Idempotency-Key was already used with a different request body */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/tasks/{task_id}': {
    parameters: {
      query?: never
      header?: never
      path: {
        task_id: string
      }
      cookie?: never
    }
    /** One task */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          task_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['TaskDump']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    /** Delete a task (its blocks go with it; dependants lose the dependency) */
    delete: {
      parameters: {
        query?: never
        header?: never
        path: {
          task_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description No Content */
        204: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    options?: never
    head?: never
    /**
     * Change some fields; send If-Match with the ETag to guard against lost updates
     * @description The same rules as creating a task hold for the task as changed (a 422 names the field).
     */
    patch: {
      parameters: {
        query?: never
        header?: never
        path: {
          task_id: string
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['TaskPatch']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['TaskDump']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        /** @description Reopening would pass the open-task cap, or a dependency cycle */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        /** @description If-Match names an older version */
        412: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    trace?: never
  }
  '/api/v1/tasks/{task_id}/occurrences': {
    parameters: {
      query?: never
      header?: never
      path: {
        task_id: string
      }
      cookie?: never
    }
    /**
     * The occurrences of a routine whose window meets [from, to) (default: the next 28 days)
     * @description ``to`` must be after ``from`` and at most 366 days later (else a 422); at most 366 occurrences are listed. Each has its window (``start``, ``due``) and its status: ``done``, ``skipped``, ``open`` (to do; a missed one that still waits, as a missed "every monday" does, is open), or ``missed``.
     */
    get: {
      parameters: {
        query?: {
          /** @description must be a date-time in the years 1970 to 2200, with a UTC offset */
          from?: string
          /** @description must be a date-time in the years 1970 to 2200, with a UTC offset */
          to?: string
        }
        header?: never
        path: {
          task_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Occurrence'][]
          }
        }
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        /** @description The task has no recurrence */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/tasks/{task_id}/occurrences/{occurrence}': {
    parameters: {
      query?: never
      header?: never
      path: {
        task_id: string
        occurrence: string
      }
      cookie?: never
    }
    get?: never
    /**
     * Mark one occurrence done or skipped; the plan drops it and the next one stays
     * @description Idempotent: the same status again changes nothing. ``occurrence`` must be a local time the rule
     *     has an occurrence at (else a 422).
     */
    put: {
      parameters: {
        query?: never
        header?: never
        path: {
          task_id: string
          occurrence: string
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['OccurrenceStatus']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Occurrence']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        /** @description The task has no recurrence, or the routine is done or cancelled */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    post?: never
    /** Open an occurrence again (forget that it was done or skipped); idempotent */
    delete: {
      parameters: {
        query?: never
        header?: never
        path: {
          task_id: string
          occurrence: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Occurrence']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        /** @description The task has no recurrence, or the routine is done or cancelled */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        /** @description The rule has no occurrence at that local time */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/categories': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** The user's categories, by name */
    get: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Category'][]
          }
        }
        401: components['responses']['UNAUTHORIZED']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    /** Create a category (honours Idempotency-Key) */
    post: {
      parameters: {
        query?: never
        header?: {
          /** @description Makes a retry safe: 1 to 255 visible ASCII characters (spaces inside; otherwise a 400), chosen by the client, scoped to the user, kept 24 hours. The same key and body again answers the stored response, with `Idempotent-Replayed: true`; the same key with another body is a 422; while the first request with that key still runs, a 409 with `Retry-After`. */
          'Idempotency-Key'?: string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['Category']
        }
      }
      responses: {
        /** @description Created */
        201: {
          headers: {
            /** @description `true` when this is the stored response of an earlier request with the same Idempotency-Key */
            'Idempotent-Replayed'?: 'true'
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Category']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        /** @description A request with the same Idempotency-Key is still running (retry after Retry-After) */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        /** @description Unprocessable content; or the Idempotency-Key was already used with a different request body */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/categories/{category_id}': {
    parameters: {
      query?: never
      header?: never
      path: {
        category_id: string
      }
      cookie?: never
    }
    /** One category */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          category_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Category']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    /** Delete a category; its tasks stay, uncategorised */
    delete: {
      parameters: {
        query?: never
        header?: never
        path: {
          category_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description No Content */
        204: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    options?: never
    head?: never
    /** Rename or recolour */
    patch: {
      parameters: {
        query?: never
        header?: never
        path: {
          category_id: string
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['CategoryPatch']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Category']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    trace?: never
  }
  '/api/v1/tags': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** The user's tags, by name */
    get: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Tag'][]
          }
        }
        401: components['responses']['UNAUTHORIZED']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    /** Create a tag (honours Idempotency-Key) */
    post: {
      parameters: {
        query?: never
        header?: {
          /** @description Makes a retry safe: 1 to 255 visible ASCII characters (spaces inside; otherwise a 400), chosen by the client, scoped to the user, kept 24 hours. The same key and body again answers the stored response, with `Idempotent-Replayed: true`; the same key with another body is a 422; while the first request with that key still runs, a 409 with `Retry-After`. */
          'Idempotency-Key'?: string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['Tag']
        }
      }
      responses: {
        /** @description Created */
        201: {
          headers: {
            /** @description `true` when this is the stored response of an earlier request with the same Idempotency-Key */
            'Idempotent-Replayed'?: 'true'
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Tag']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        /** @description A request with the same Idempotency-Key is still running (retry after Retry-After) */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        /** @description Unprocessable content; or the Idempotency-Key was already used with a different request body */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/tags/{tag_id}': {
    parameters: {
      query?: never
      header?: never
      path: {
        tag_id: string
      }
      cookie?: never
    }
    /** One tag */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          tag_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Tag']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    /** Delete a tag and take it off every task */
    delete: {
      parameters: {
        query?: never
        header?: never
        path: {
          tag_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description No Content */
        204: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    options?: never
    head?: never
    /** Rename a tag (every task carrying it follows) */
    patch: {
      parameters: {
        query?: never
        header?: never
        path: {
          tag_id: string
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['Tag']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Tag']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    trace?: never
  }
  '/api/v1/schedule/preview': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Plan a problem in the documented JSON format without storing anything */
    post: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      /** @description A problem in the JSON format of docs/scheduling.md. Limits (422 above them, naming the field): at most 500 tasks, 20000 busy intervals, 366 days from now to horizon_end, 12 working-hour intervals per day, min_chunk_minutes >= 5, and at most 20000 blocks the tasks could be cut into (sum of duration / min_chunk_minutes over splittable tasks, 1 per other task). The engine's work is also capped by a budget that grows with the problem and by a 5-second deadline; a plan cut short says metrics.truncated = true and lists the tasks it did not reach with code 'truncated'. */
      requestBody: {
        content: {
          'application/json': {
            tasks?: unknown[]
            busy?: unknown[]
          }
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/schedule': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Blocks overlapping [from, to) with their tasks (default: the next 7 days), and the last plan's notes
     * @description ``to`` must be after ``from`` and at most a year (366 days) later; otherwise a 422.
     */
    get: {
      parameters: {
        query?: {
          /** @description must be a date-time in the years 1970 to 2200, with a UTC offset */
          from?: string
          /** @description must be a date-time in the years 1970 to 2200, with a UTC offset */
          to?: string
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Schedule']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    /** Re-plan the open tasks now and store the new blocks */
    post: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Schedule']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/schedule/blocks/{block_id}/pin': {
    parameters: {
      query?: never
      header?: never
      path: {
        block_id: string
      }
      cookie?: never
    }
    get?: never
    /** Pin a block: re-planning will not move it */
    put: {
      parameters: {
        query?: never
        header?: never
        path: {
          block_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Block']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    post?: never
    /** Unpin a block */
    delete: {
      parameters: {
        query?: never
        header?: never
        path: {
          block_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Block']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/schedule/blocks/{block_id}': {
    parameters: {
      query?: never
      header?: never
      path: {
        block_id: string
      }
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    /**
     * Move a block by hand (this pins it); the rest of the plan flows around it
     * @description ``end`` must be after ``start``, and the block must not overlap another pinned block (a 409).
     */
    patch: {
      parameters: {
        query?: never
        header?: never
        path: {
          block_id: string
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['Block']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Block']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    trace?: never
  }
  '/api/v1/notifications': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Newest first; ``unread=true`` for only the unread ones */
    get: {
      parameters: {
        query?: {
          unread?: boolean
          page?: number
          page_size?: number
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            /** @description Pagination metadata, as JSON */
            'X-Pagination'?: string
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Notification'][]
          }
        }
        401: components['responses']['UNAUTHORIZED']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/notifications/{notification_id}/read': {
    parameters: {
      query?: never
      header?: never
      path: {
        notification_id: string
      }
      cookie?: never
    }
    get?: never
    /** Mark read */
    put: {
      parameters: {
        query?: never
        header?: never
        path: {
          notification_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Notification']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    post?: never
    /** Mark unread */
    delete: {
      parameters: {
        query?: never
        header?: never
        path: {
          notification_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Notification']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/notifications/stream': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Server-Sent Events: each new notification as a ``notification`` event (resumes from Last-Event-ID).
     * @description At most ``PLANLOOM_STREAMS_PER_USER`` (default 5) streams per account are open at once, whichever
     *     server processes serve them; a stream ends after ``seconds`` (at most 55) and the browser reconnects.
     */
    get: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        401: components['responses']['UNAUTHORIZED']
        /** @description This account already holds PLANLOOM_STREAMS_PER_USER open streams (on every server process together); Retry-After says when to try again */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        /** @description This server process holds PLANLOOM_STREAMS_MAX open streams */
        503: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/ai/parse': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Read a quick-add line (or several) into task drafts and/or a slash command; stores nothing */
    post: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['ParseArgs']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['ParseResult']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        /** @description Text over the caps, a bad now or timezone, or an unknown command */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/tasks/quick-add': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Create the tasks a quick-add line describes (honours Idempotency-Key) */
    post: {
      parameters: {
        query?: never
        header?: {
          /** @description Makes a retry safe: 1 to 255 visible ASCII characters (spaces inside; otherwise a 400), chosen by the client, scoped to the user, kept 24 hours. The same key and body again answers the stored response, with `Idempotent-Replayed: true`; the same key with another body is a 422; while the first request with that key still runs, a 409 with `Retry-After`. */
          'Idempotency-Key'?: string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['TextArgs']
        }
      }
      responses: {
        /** @description Created */
        201: {
          headers: {
            /** @description `true` when this is the stored response of an earlier request with the same Idempotency-Key */
            'Idempotent-Replayed'?: 'true'
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['QuickAddResult']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        /** @description The tasks would pass the open-task cap (PLANLOOM_MAX_OPEN_TASKS); or a request with the same Idempotency-Key is still running (retry after Retry-After) */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        /** @description Text over the caps, no task in it, or a slash command; or the Idempotency-Key was already used with a different request body */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/ai/command': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Run a slash command (/done, /snooze, /move, /pin, /today, /week, /plan, /p1../p4, /tag, /help) */
    post: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['TextArgs']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CommandResult']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        /** @description /add would pass the open-task cap (PLANLOOM_MAX_OPEN_TASKS) */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        /** @description Text over the caps, or an unknown or incomplete command */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/ai/training-data': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Your corrected quick-add readings as JSONL in OpenAI's chat fine-tuning format */
    get: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        401: components['responses']['UNAUTHORIZED']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/ai/fine-tunes': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Your model and the state of its fine-tuning job (refreshed from the server) */
    get: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['FineTune']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    /**
     * Fine-tune a model on your corrections; your parses use it once the job succeeds
     * @description The job is paid for on the server's OpenAI (compatible) account, so only admins may start one,
     *     unless the server gives every user a monthly quota of jobs (PLANLOOM_FINE_TUNE_USER_MONTHLY_QUOTA,
     *     calendar months in UTC). `base_model` must be one of the models the server allows
     *     (PLANLOOM_FINE_TUNE_MODELS); without it, the first of them.
     */
    post: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['FineTuneArgs']
        }
      }
      responses: {
        /** @description Accepted */
        202: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['FineTune']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        /** @description Only admins may start fine-tuning jobs on this server */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        /** @description No language-model server configured, a job already running, or the monthly quota used up */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        /** @description A base model outside the allow-list, or fewer than 10 corrected readings */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/busy': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Busy time overlapping [from, to) (default: the next 8 weeks)
     * @description ``to`` must be after ``from`` and at most a year (366 days) later; otherwise a 422.
     */
    get: {
      parameters: {
        query?: {
          /** @description must be a date-time in the years 1970 to 2200, with a UTC offset */
          from?: string
          /** @description must be a date-time in the years 1970 to 2200, with a UTC offset */
          to?: string
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Busy'][]
          }
        }
        401: components['responses']['UNAUTHORIZED']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    /**
     * Block out time (honours Idempotency-Key); the plan moves around it at once
     * @description ``end`` must be after ``start``; otherwise a 422.
     */
    post: {
      parameters: {
        query?: never
        header?: {
          /** @description Makes a retry safe: 1 to 255 visible ASCII characters (spaces inside; otherwise a 400), chosen by the client, scoped to the user, kept 24 hours. The same key and body again answers the stored response, with `Idempotent-Replayed: true`; the same key with another body is a 422; while the first request with that key still runs, a 409 with `Retry-After`. */
          'Idempotency-Key'?: string
        }
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['Busy']
        }
      }
      responses: {
        /** @description Created */
        201: {
          headers: {
            /** @description `true` when this is the stored response of an earlier request with the same Idempotency-Key */
            'Idempotent-Replayed'?: 'true'
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Busy']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        /** @description A request with the same Idempotency-Key is still running (retry after Retry-After) */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        /** @description Unprocessable content; or the Idempotency-Key was already used with a different request body */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/busy/{busy_id}': {
    parameters: {
      query?: never
      header?: never
      path: {
        busy_id: string
      }
      cookie?: never
    }
    /** One stretch of busy time */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          busy_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Busy']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    /** Free the time again */
    delete: {
      parameters: {
        query?: never
        header?: never
        path: {
          busy_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description No Content */
        204: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/calendar/connections': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Your calendar connections, oldest first (never their passwords, tokens or feed addresses) */
    get: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CalendarConnection'][]
          }
        }
        401: components['responses']['UNAUTHORIZED']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    /**
     * Connect a calendar and import its busy time at once
     * @description ``ics_url`` needs ``url``; ``ics_file`` needs ``content``; ``caldav`` needs ``url``, ``username`` and ``password``. An address that can never be read (not http(s), a private or loopback address, not a calendar) or a file that is not iCalendar is a 422. A calendar that is only down now is stored with ``status: error`` and ``last_error``, and read again at the next sync. Feeds are read within a timeout (10 s) and at most 5 MB. At most 20 calendars per account (409 beyond). A sync reads the window from a day ago to the planning horizon (8 weeks), recurring events expanded, at most 5,000 occurrences per calendar (more sets the connection's status to error).
     */
    post: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['ConnectCalendar']
        }
      }
      responses: {
        /** @description Created */
        201: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CalendarConnection']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        /** @description The account has the most calendars it may have */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/calendar/connections/{connection_id}': {
    parameters: {
      query?: never
      header?: never
      path: {
        connection_id: string
      }
      cookie?: never
    }
    /** One calendar connection, with its sync status and last error */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          connection_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CalendarConnection']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    /** Disconnect: its credentials and the busy time it brought are deleted, and the plan follows */
    delete: {
      parameters: {
        query?: never
        header?: never
        path: {
          connection_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description No Content */
        204: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    options?: never
    head?: never
    /** Rename it, choose whether it blocks time (or which CalDAV calendar it reads); it syncs again */
    patch: {
      parameters: {
        query?: never
        header?: never
        path: {
          connection_id: string
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['UpdateCalendar']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CalendarConnection']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    trace?: never
  }
  '/api/v1/calendar/connections/{connection_id}/sync': {
    parameters: {
      query?: never
      header?: never
      path: {
        connection_id: string
      }
      cookie?: never
    }
    get?: never
    put?: never
    /** Read this calendar again now: what changed in your busy time (a failure is in ``error``) */
    post: {
      parameters: {
        query?: never
        header?: never
        path: {
          connection_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['SyncOutcome']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/calendar/connections/{connection_id}/calendars': {
    parameters: {
      query?: never
      header?: never
      path: {
        connection_id: string
      }
      cookie?: never
    }
    /**
     * The calendars of a CalDAV or Google account: which to read (``calendar_url``), which receives the plan
     *     (``write_calendar_url``). Kinds with one calendar answer an empty list.
     */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          connection_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['RemoteCalendar'][]
          }
        }
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        /** @description The calendar server could not be read now */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/calendar/sync': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** Read every calendar of yours again now */
    post: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['SyncOutcome'][]
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/calendar/google/connect': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * The address where you let Planloom read your Google calendars and write its blocks (OAuth 2.0
     *     with PKCE, offline access). Its ``state`` is bound to you, expires in 10 minutes and works once.
     */
    get: {
      parameters: {
        query?: {
          /** @description the connection's name (default: Google Calendar) */
          name?: string
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Consent']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        /** @description The account has the most calendars it may have */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        /** @description Google Calendar is not configured on this server */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/calendar/google/callback': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Where Google sends you back: the code is exchanged for tokens (encrypted at rest), the calendar is
     *     read, and you land on the settings page
     */
    get: {
      parameters: {
        query?: {
          state?: string
          code?: string
          error?: string
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description Connected: on to the SPA's settings */
        303: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        /** @description A tampered, expired or replayed state, consent refused, or the code refused */
        400: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        /** @description Google's token endpoint is unreachable or failing: connect again later */
        502: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/images': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Your images, newest first */
    get: {
      parameters: {
        query?: {
          limit?: number
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Image'][]
          }
        }
        401: components['responses']['UNAUTHORIZED']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    /**
     * Upload an image of a list, a whiteboard or a note
     * @description Stores the image and answers at once; its text and task drafts follow (poll the image until ``status`` is not ``pending``). The file is at most 10,485,760 bytes (else 413) and 25,000,000 pixels, read from its header before any decoding (else 413: decompression bombs are refused undecoded); its format is read from its content, never its name or declared type: PNG, JPEG, WebP, HEIC/HEIF (iPhone photos) or AVIF (else 415, an animated AVIF too; an AVIF's every coded image is held to its header's size, else 422); a damaged image is a 422. It is stored re-encoded, upright (EXIF orientation, or HEIF's and AVIF's own rotation, applied) and without metadata (no EXIF, GPS, XMP or text): PNG, JPEG and WebP in their own format, HEIC/HEIF and AVIF as JPEG (WebP when transparent; ``format`` says which); of a HEIF file holding several images, the primary one. At most 500 images per account (else 409). Of what is read, 400 lines, 20,000 characters and 100 drafts are kept.
     */
    post: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'multipart/form-data': components['schemas']['Upload']
        }
      }
      responses: {
        /** @description Accepted */
        202: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Image']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        /** @description The account has the most images it may have */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        /** @description More bytes or pixels than the caps */
        413: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        /** @description Not a PNG, JPEG, WebP, HEIC/HEIF or still AVIF image */
        415: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        /** @description A damaged image, or a caption or file the schema refuses */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/images/{image_id}': {
    parameters: {
      query?: never
      header?: never
      path: {
        image_id: string
      }
      cookie?: never
    }
    /** One image: its status, the text read (a box per line) and the task drafts */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          image_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Image']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    /** Delete the image and its bytes (tasks accepted from it stay) */
    delete: {
      parameters: {
        query?: never
        header?: never
        path: {
          image_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description No Content */
        204: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/images/{image_id}/tasks': {
    parameters: {
      query?: never
      header?: never
      path: {
        image_id: string
      }
      cookie?: never
    }
    get?: never
    put?: never
    /** Make tasks of the image's drafts (all or none) */
    post: {
      parameters: {
        query?: never
        header?: never
        path: {
          image_id: string
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['AcceptTasks']
        }
      }
      responses: {
        /** @description Created */
        201: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['AcceptedTasks']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        /** @description The image is not read yet (or failed), or the open-task cap is reached */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/images/{image_id}/annotations': {
    parameters: {
      query?: never
      header?: never
      path: {
        image_id: string
      }
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Say which category the image is
     * @description Sets the image's category (``category_source`` becomes ``user``) and teaches your own categoriser (nobody else's) what such images look like. Idempotent for the same category; a different one replaces the earlier annotation in the model.
     */
    post: {
      parameters: {
        query?: never
        header?: never
        path: {
          image_id: string
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['Annotation']
        }
      }
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Image']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        /** @description No such image (or another person's) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        /** @description The image is still pending: its text is not read yet */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/images/{image_id}/content': {
    parameters: {
      query?: never
      header?: never
      path: {
        image_id: string
      }
      cookie?: never
    }
    /** The image's bytes, to its owner only */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          image_id: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description The stored image (re-encoded, without metadata) */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        401: components['responses']['UNAUTHORIZED']
        404: components['responses']['NOT_FOUND']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/analytics/summary': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Planned vs. done, on-time rate, lateness, estimate accuracy, streaks, busiest hours, plan changes
     * @description ``from``/``to`` are local days, inclusive; at most 366 days and ``from`` not after ``to``, else a 422.
     */
    get: {
      parameters: {
        query?: {
          /** @description Local days of the user's time zone, inclusive (YYYY-MM-DD). Defaults: `to` today, `from` 29 days before `to`. At most 366 days, `from` not after `to`: otherwise a 422. */
          from?: string
          /** @description Local days of the user's time zone, inclusive (YYYY-MM-DD). Defaults: `to` today, `from` 29 days before `to`. At most 366 days, `from` not after `to`: otherwise a 422. */
          to?: string
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Summary']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/analytics/weekly': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Planned vs. done minutes per week (Monday), empty weeks included
     * @description ``from``/``to`` are local days, inclusive; at most 366 days and ``from`` not after ``to``, else a 422.
     */
    get: {
      parameters: {
        query?: {
          /** @description Local days of the user's time zone, inclusive (YYYY-MM-DD). Defaults: `to` today, `from` 29 days before `to`. At most 366 days, `from` not after `to`: otherwise a 422. */
          from?: string
          /** @description Local days of the user's time zone, inclusive (YYYY-MM-DD). Defaults: `to` today, `from` 29 days before `to`. At most 366 days, `from` not after `to`: otherwise a 422. */
          to?: string
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Weekly']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/analytics/categories': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Time per category and per tag
     * @description ``from``/``to`` are local days, inclusive; at most 366 days and ``from`` not after ``to``, else a 422.
     */
    get: {
      parameters: {
        query?: {
          /** @description Local days of the user's time zone, inclusive (YYYY-MM-DD). Defaults: `to` today, `from` 29 days before `to`. At most 366 days, `from` not after `to`: otherwise a 422. */
          from?: string
          /** @description Local days of the user's time zone, inclusive (YYYY-MM-DD). Defaults: `to` today, `from` 29 days before `to`. At most 366 days, `from` not after `to`: otherwise a 422. */
          to?: string
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Categories']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/analytics/estimates': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Estimate accuracy: planned vs. actual minutes overall, by category and by duration, with the correction factor and the learned durations
     * @description "Actual" is the minutes the person reported when (or after) marking a task done (PATCH /tasks/{id} with actual_minutes). Tasks without a reported actual are left out rather than counted as planned: the minutes of a task's blocks add up to its estimate at most, so they could show a task finished early but never one that overran.
     *
     *     ``from``/``to`` are local days, inclusive; at most 366 days and ``from`` not after ``to``, else a 422.
     */
    get: {
      parameters: {
        query?: {
          /** @description Local days of the user's time zone, inclusive (YYYY-MM-DD). Defaults: `to` today, `from` 29 days before `to`. At most 366 days, `from` not after `to`: otherwise a 422. */
          from?: string
          /** @description Local days of the user's time zone, inclusive (YYYY-MM-DD). Defaults: `to` today, `from` 29 days before `to`. At most 366 days, `from` not after `to`: otherwise a 422. */
          to?: string
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Estimates']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        422: components['responses']['UNPROCESSABLE_ENTITY']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/calendar/feed': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Whether you have a plan feed, and since when (its address is only shown when issued)
     * @description The feed holds your blocks from 14 days ago to the planning horizon (8 weeks), earliest first, at most 2,000 of them; titles are cut to 200 characters. Times carry your time zone (TZID) with its VTIMEZONE. Each event's UID is its block's, stable while the block does not move. The token is 43 characters of [A-Za-z0-9_-]; only its SHA-256 digest is stored, so the address is shown once, when issued: rotate to get a new one (the old one stops working at once).
     */
    get: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['FeedStatus']
          }
        }
        401: components['responses']['UNAUTHORIZED']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    /**
     * Issue your plan feed's address, or rotate it: a new secret address; the previous one stops working
     * @description The feed holds your blocks from 14 days ago to the planning horizon (8 weeks), earliest first, at most 2,000 of them; titles are cut to 200 characters. Times carry your time zone (TZID) with its VTIMEZONE. Each event's UID is its block's, stable while the block does not move. The token is 43 characters of [A-Za-z0-9_-]; only its SHA-256 digest is stored, so the address is shown once, when issued: rotate to get a new one (the old one stops working at once).
     */
    post: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description Created */
        201: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['IssuedFeed']
          }
        }
        400: components['responses']['BAD_REQUEST']
        401: components['responses']['UNAUTHORIZED']
        413: components['responses']['REQUEST_ENTITY_TOO_LARGE']
        415: components['responses']['UNSUPPORTED_MEDIA_TYPE']
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    /** Revoke your plan feed: its address stops working */
    delete: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description No Content */
        204: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        401: components['responses']['UNAUTHORIZED']
        /** @description You have no plan feed */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/v1/calendar/feed/{token}.ics': {
    parameters: {
      query?: never
      header?: never
      path: {
        token: string
      }
      cookie?: never
    }
    /**
     * Your plan as an iCalendar feed (subscribe to it in any calendar app; no sign-in)
     * @description The feed holds your blocks from 14 days ago to the planning horizon (8 weeks), earliest first, at most 2,000 of them; titles are cut to 200 characters. Times carry your time zone (TZID) with its VTIMEZONE. Each event's UID is its block's, stable while the block does not move. The token is 43 characters of [A-Za-z0-9_-]; only its SHA-256 digest is stored, so the address is shown once, when issued: rotate to get a new one (the old one stops working at once).
     */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          token: string
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description OK */
        200: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        /** @description Unchanged since the ETag given in If-None-Match */
        304: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        /** @description No live feed has this token (never issued, rotated or revoked) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/problem+json': components['schemas']['Problem']
          }
        }
        429: components['responses']['TOO_MANY_REQUESTS']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
}
export type webhooks = Record<string, never>
export interface components {
  schemas: {
    Problem: {
      type?: string
      status?: number
      title?: string
      detail?: string
      errors?: {
        [key: string]: string[]
      }
    }
    PaginationMetadata: {
      /** @description Total number of items. */
      total?: number
      /** @description Total number of pages. */
      total_pages?: number
      /** @description First available page number. */
      first_page?: number
      /** @description Last available page number. */
      last_page?: number
      /** @description Current page number. */
      page?: number
      /** @description Previous page number. */
      previous_page?: number
      /** @description Next page number. */
      next_page?: number
    }
    Register: {
      email: string
      password: string
      display_name?: string
      /** @enum {string} */
      timezone?:
        | 'Africa/Abidjan'
        | 'Africa/Accra'
        | 'Africa/Addis_Ababa'
        | 'Africa/Algiers'
        | 'Africa/Asmara'
        | 'Africa/Asmera'
        | 'Africa/Bamako'
        | 'Africa/Bangui'
        | 'Africa/Banjul'
        | 'Africa/Bissau'
        | 'Africa/Blantyre'
        | 'Africa/Brazzaville'
        | 'Africa/Bujumbura'
        | 'Africa/Cairo'
        | 'Africa/Casablanca'
        | 'Africa/Ceuta'
        | 'Africa/Conakry'
        | 'Africa/Dakar'
        | 'Africa/Dar_es_Salaam'
        | 'Africa/Djibouti'
        | 'Africa/Douala'
        | 'Africa/El_Aaiun'
        | 'Africa/Freetown'
        | 'Africa/Gaborone'
        | 'Africa/Harare'
        | 'Africa/Johannesburg'
        | 'Africa/Juba'
        | 'Africa/Kampala'
        | 'Africa/Khartoum'
        | 'Africa/Kigali'
        | 'Africa/Kinshasa'
        | 'Africa/Lagos'
        | 'Africa/Libreville'
        | 'Africa/Lome'
        | 'Africa/Luanda'
        | 'Africa/Lubumbashi'
        | 'Africa/Lusaka'
        | 'Africa/Malabo'
        | 'Africa/Maputo'
        | 'Africa/Maseru'
        | 'Africa/Mbabane'
        | 'Africa/Mogadishu'
        | 'Africa/Monrovia'
        | 'Africa/Nairobi'
        | 'Africa/Ndjamena'
        | 'Africa/Niamey'
        | 'Africa/Nouakchott'
        | 'Africa/Ouagadougou'
        | 'Africa/Porto-Novo'
        | 'Africa/Sao_Tome'
        | 'Africa/Timbuktu'
        | 'Africa/Tripoli'
        | 'Africa/Tunis'
        | 'Africa/Windhoek'
        | 'America/Adak'
        | 'America/Anchorage'
        | 'America/Anguilla'
        | 'America/Antigua'
        | 'America/Araguaina'
        | 'America/Argentina/Buenos_Aires'
        | 'America/Argentina/Catamarca'
        | 'America/Argentina/ComodRivadavia'
        | 'America/Argentina/Cordoba'
        | 'America/Argentina/Jujuy'
        | 'America/Argentina/La_Rioja'
        | 'America/Argentina/Mendoza'
        | 'America/Argentina/Rio_Gallegos'
        | 'America/Argentina/Salta'
        | 'America/Argentina/San_Juan'
        | 'America/Argentina/San_Luis'
        | 'America/Argentina/Tucuman'
        | 'America/Argentina/Ushuaia'
        | 'America/Aruba'
        | 'America/Asuncion'
        | 'America/Atikokan'
        | 'America/Atka'
        | 'America/Bahia'
        | 'America/Bahia_Banderas'
        | 'America/Barbados'
        | 'America/Belem'
        | 'America/Belize'
        | 'America/Blanc-Sablon'
        | 'America/Boa_Vista'
        | 'America/Bogota'
        | 'America/Boise'
        | 'America/Buenos_Aires'
        | 'America/Cambridge_Bay'
        | 'America/Campo_Grande'
        | 'America/Cancun'
        | 'America/Caracas'
        | 'America/Catamarca'
        | 'America/Cayenne'
        | 'America/Cayman'
        | 'America/Chicago'
        | 'America/Chihuahua'
        | 'America/Ciudad_Juarez'
        | 'America/Coral_Harbour'
        | 'America/Cordoba'
        | 'America/Costa_Rica'
        | 'America/Coyhaique'
        | 'America/Creston'
        | 'America/Cuiaba'
        | 'America/Curacao'
        | 'America/Danmarkshavn'
        | 'America/Dawson'
        | 'America/Dawson_Creek'
        | 'America/Denver'
        | 'America/Detroit'
        | 'America/Dominica'
        | 'America/Edmonton'
        | 'America/Eirunepe'
        | 'America/El_Salvador'
        | 'America/Ensenada'
        | 'America/Fort_Nelson'
        | 'America/Fort_Wayne'
        | 'America/Fortaleza'
        | 'America/Glace_Bay'
        | 'America/Godthab'
        | 'America/Goose_Bay'
        | 'America/Grand_Turk'
        | 'America/Grenada'
        | 'America/Guadeloupe'
        | 'America/Guatemala'
        | 'America/Guayaquil'
        | 'America/Guyana'
        | 'America/Halifax'
        | 'America/Havana'
        | 'America/Hermosillo'
        | 'America/Indiana/Indianapolis'
        | 'America/Indiana/Knox'
        | 'America/Indiana/Marengo'
        | 'America/Indiana/Petersburg'
        | 'America/Indiana/Tell_City'
        | 'America/Indiana/Vevay'
        | 'America/Indiana/Vincennes'
        | 'America/Indiana/Winamac'
        | 'America/Indianapolis'
        | 'America/Inuvik'
        | 'America/Iqaluit'
        | 'America/Jamaica'
        | 'America/Jujuy'
        | 'America/Juneau'
        | 'America/Kentucky/Louisville'
        | 'America/Kentucky/Monticello'
        | 'America/Knox_IN'
        | 'America/Kralendijk'
        | 'America/La_Paz'
        | 'America/Lima'
        | 'America/Los_Angeles'
        | 'America/Louisville'
        | 'America/Lower_Princes'
        | 'America/Maceio'
        | 'America/Managua'
        | 'America/Manaus'
        | 'America/Marigot'
        | 'America/Martinique'
        | 'America/Matamoros'
        | 'America/Mazatlan'
        | 'America/Mendoza'
        | 'America/Menominee'
        | 'America/Merida'
        | 'America/Metlakatla'
        | 'America/Mexico_City'
        | 'America/Miquelon'
        | 'America/Moncton'
        | 'America/Monterrey'
        | 'America/Montevideo'
        | 'America/Montreal'
        | 'America/Montserrat'
        | 'America/Nassau'
        | 'America/New_York'
        | 'America/Nipigon'
        | 'America/Nome'
        | 'America/Noronha'
        | 'America/North_Dakota/Beulah'
        | 'America/North_Dakota/Center'
        | 'America/North_Dakota/New_Salem'
        | 'America/Nuuk'
        | 'America/Ojinaga'
        | 'America/Panama'
        | 'America/Pangnirtung'
        | 'America/Paramaribo'
        | 'America/Phoenix'
        | 'America/Port-au-Prince'
        | 'America/Port_of_Spain'
        | 'America/Porto_Acre'
        | 'America/Porto_Velho'
        | 'America/Puerto_Rico'
        | 'America/Punta_Arenas'
        | 'America/Rainy_River'
        | 'America/Rankin_Inlet'
        | 'America/Recife'
        | 'America/Regina'
        | 'America/Resolute'
        | 'America/Rio_Branco'
        | 'America/Rosario'
        | 'America/Santa_Isabel'
        | 'America/Santarem'
        | 'America/Santiago'
        | 'America/Santo_Domingo'
        | 'America/Sao_Paulo'
        | 'America/Scoresbysund'
        | 'America/Shiprock'
        | 'America/Sitka'
        | 'America/St_Barthelemy'
        | 'America/St_Johns'
        | 'America/St_Kitts'
        | 'America/St_Lucia'
        | 'America/St_Thomas'
        | 'America/St_Vincent'
        | 'America/Swift_Current'
        | 'America/Tegucigalpa'
        | 'America/Thule'
        | 'America/Thunder_Bay'
        | 'America/Tijuana'
        | 'America/Toronto'
        | 'America/Tortola'
        | 'America/Vancouver'
        | 'America/Virgin'
        | 'America/Whitehorse'
        | 'America/Winnipeg'
        | 'America/Yakutat'
        | 'America/Yellowknife'
        | 'Antarctica/Casey'
        | 'Antarctica/Davis'
        | 'Antarctica/DumontDUrville'
        | 'Antarctica/Macquarie'
        | 'Antarctica/Mawson'
        | 'Antarctica/McMurdo'
        | 'Antarctica/Palmer'
        | 'Antarctica/Rothera'
        | 'Antarctica/South_Pole'
        | 'Antarctica/Syowa'
        | 'Antarctica/Troll'
        | 'Antarctica/Vostok'
        | 'Arctic/Longyearbyen'
        | 'Asia/Aden'
        | 'Asia/Almaty'
        | 'Asia/Amman'
        | 'Asia/Anadyr'
        | 'Asia/Aqtau'
        | 'Asia/Aqtobe'
        | 'Asia/Ashgabat'
        | 'Asia/Ashkhabad'
        | 'Asia/Atyrau'
        | 'Asia/Baghdad'
        | 'Asia/Bahrain'
        | 'Asia/Baku'
        | 'Asia/Bangkok'
        | 'Asia/Barnaul'
        | 'Asia/Beirut'
        | 'Asia/Bishkek'
        | 'Asia/Brunei'
        | 'Asia/Calcutta'
        | 'Asia/Chita'
        | 'Asia/Choibalsan'
        | 'Asia/Chongqing'
        | 'Asia/Chungking'
        | 'Asia/Colombo'
        | 'Asia/Dacca'
        | 'Asia/Damascus'
        | 'Asia/Dhaka'
        | 'Asia/Dili'
        | 'Asia/Dubai'
        | 'Asia/Dushanbe'
        | 'Asia/Famagusta'
        | 'Asia/Gaza'
        | 'Asia/Harbin'
        | 'Asia/Hebron'
        | 'Asia/Ho_Chi_Minh'
        | 'Asia/Hong_Kong'
        | 'Asia/Hovd'
        | 'Asia/Irkutsk'
        | 'Asia/Istanbul'
        | 'Asia/Jakarta'
        | 'Asia/Jayapura'
        | 'Asia/Jerusalem'
        | 'Asia/Kabul'
        | 'Asia/Kamchatka'
        | 'Asia/Karachi'
        | 'Asia/Kashgar'
        | 'Asia/Kathmandu'
        | 'Asia/Katmandu'
        | 'Asia/Khandyga'
        | 'Asia/Kolkata'
        | 'Asia/Krasnoyarsk'
        | 'Asia/Kuala_Lumpur'
        | 'Asia/Kuching'
        | 'Asia/Kuwait'
        | 'Asia/Macao'
        | 'Asia/Macau'
        | 'Asia/Magadan'
        | 'Asia/Makassar'
        | 'Asia/Manila'
        | 'Asia/Muscat'
        | 'Asia/Nicosia'
        | 'Asia/Novokuznetsk'
        | 'Asia/Novosibirsk'
        | 'Asia/Omsk'
        | 'Asia/Oral'
        | 'Asia/Phnom_Penh'
        | 'Asia/Pontianak'
        | 'Asia/Pyongyang'
        | 'Asia/Qatar'
        | 'Asia/Qostanay'
        | 'Asia/Qyzylorda'
        | 'Asia/Rangoon'
        | 'Asia/Riyadh'
        | 'Asia/Saigon'
        | 'Asia/Sakhalin'
        | 'Asia/Samarkand'
        | 'Asia/Seoul'
        | 'Asia/Shanghai'
        | 'Asia/Singapore'
        | 'Asia/Srednekolymsk'
        | 'Asia/Taipei'
        | 'Asia/Tashkent'
        | 'Asia/Tbilisi'
        | 'Asia/Tehran'
        | 'Asia/Tel_Aviv'
        | 'Asia/Thimbu'
        | 'Asia/Thimphu'
        | 'Asia/Tokyo'
        | 'Asia/Tomsk'
        | 'Asia/Ujung_Pandang'
        | 'Asia/Ulaanbaatar'
        | 'Asia/Ulan_Bator'
        | 'Asia/Urumqi'
        | 'Asia/Ust-Nera'
        | 'Asia/Vientiane'
        | 'Asia/Vladivostok'
        | 'Asia/Yakutsk'
        | 'Asia/Yangon'
        | 'Asia/Yekaterinburg'
        | 'Asia/Yerevan'
        | 'Atlantic/Azores'
        | 'Atlantic/Bermuda'
        | 'Atlantic/Canary'
        | 'Atlantic/Cape_Verde'
        | 'Atlantic/Faeroe'
        | 'Atlantic/Faroe'
        | 'Atlantic/Jan_Mayen'
        | 'Atlantic/Madeira'
        | 'Atlantic/Reykjavik'
        | 'Atlantic/South_Georgia'
        | 'Atlantic/St_Helena'
        | 'Atlantic/Stanley'
        | 'Australia/ACT'
        | 'Australia/Adelaide'
        | 'Australia/Brisbane'
        | 'Australia/Broken_Hill'
        | 'Australia/Canberra'
        | 'Australia/Currie'
        | 'Australia/Darwin'
        | 'Australia/Eucla'
        | 'Australia/Hobart'
        | 'Australia/LHI'
        | 'Australia/Lindeman'
        | 'Australia/Lord_Howe'
        | 'Australia/Melbourne'
        | 'Australia/NSW'
        | 'Australia/North'
        | 'Australia/Perth'
        | 'Australia/Queensland'
        | 'Australia/South'
        | 'Australia/Sydney'
        | 'Australia/Tasmania'
        | 'Australia/Victoria'
        | 'Australia/West'
        | 'Australia/Yancowinna'
        | 'Brazil/Acre'
        | 'Brazil/DeNoronha'
        | 'Brazil/East'
        | 'Brazil/West'
        | 'CET'
        | 'CST6CDT'
        | 'Canada/Atlantic'
        | 'Canada/Central'
        | 'Canada/Eastern'
        | 'Canada/Mountain'
        | 'Canada/Newfoundland'
        | 'Canada/Pacific'
        | 'Canada/Saskatchewan'
        | 'Canada/Yukon'
        | 'Chile/Continental'
        | 'Chile/EasterIsland'
        | 'Cuba'
        | 'EET'
        | 'EST'
        | 'EST5EDT'
        | 'Egypt'
        | 'Eire'
        | 'Etc/GMT'
        | 'Etc/GMT+0'
        | 'Etc/GMT+1'
        | 'Etc/GMT+10'
        | 'Etc/GMT+11'
        | 'Etc/GMT+12'
        | 'Etc/GMT+2'
        | 'Etc/GMT+3'
        | 'Etc/GMT+4'
        | 'Etc/GMT+5'
        | 'Etc/GMT+6'
        | 'Etc/GMT+7'
        | 'Etc/GMT+8'
        | 'Etc/GMT+9'
        | 'Etc/GMT-0'
        | 'Etc/GMT-1'
        | 'Etc/GMT-10'
        | 'Etc/GMT-11'
        | 'Etc/GMT-12'
        | 'Etc/GMT-13'
        | 'Etc/GMT-14'
        | 'Etc/GMT-2'
        | 'Etc/GMT-3'
        | 'Etc/GMT-4'
        | 'Etc/GMT-5'
        | 'Etc/GMT-6'
        | 'Etc/GMT-7'
        | 'Etc/GMT-8'
        | 'Etc/GMT-9'
        | 'Etc/GMT0'
        | 'Etc/Greenwich'
        | 'Etc/UCT'
        | 'Etc/UTC'
        | 'Etc/Universal'
        | 'Etc/Zulu'
        | 'Europe/Amsterdam'
        | 'Europe/Andorra'
        | 'Europe/Astrakhan'
        | 'Europe/Athens'
        | 'Europe/Belfast'
        | 'Europe/Belgrade'
        | 'Europe/Berlin'
        | 'Europe/Bratislava'
        | 'Europe/Brussels'
        | 'Europe/Bucharest'
        | 'Europe/Budapest'
        | 'Europe/Busingen'
        | 'Europe/Chisinau'
        | 'Europe/Copenhagen'
        | 'Europe/Dublin'
        | 'Europe/Gibraltar'
        | 'Europe/Guernsey'
        | 'Europe/Helsinki'
        | 'Europe/Isle_of_Man'
        | 'Europe/Istanbul'
        | 'Europe/Jersey'
        | 'Europe/Kaliningrad'
        | 'Europe/Kiev'
        | 'Europe/Kirov'
        | 'Europe/Kyiv'
        | 'Europe/Lisbon'
        | 'Europe/Ljubljana'
        | 'Europe/London'
        | 'Europe/Luxembourg'
        | 'Europe/Madrid'
        | 'Europe/Malta'
        | 'Europe/Mariehamn'
        | 'Europe/Minsk'
        | 'Europe/Monaco'
        | 'Europe/Moscow'
        | 'Europe/Nicosia'
        | 'Europe/Oslo'
        | 'Europe/Paris'
        | 'Europe/Podgorica'
        | 'Europe/Prague'
        | 'Europe/Riga'
        | 'Europe/Rome'
        | 'Europe/Samara'
        | 'Europe/San_Marino'
        | 'Europe/Sarajevo'
        | 'Europe/Saratov'
        | 'Europe/Simferopol'
        | 'Europe/Skopje'
        | 'Europe/Sofia'
        | 'Europe/Stockholm'
        | 'Europe/Tallinn'
        | 'Europe/Tirane'
        | 'Europe/Tiraspol'
        | 'Europe/Ulyanovsk'
        | 'Europe/Uzhgorod'
        | 'Europe/Vaduz'
        | 'Europe/Vatican'
        | 'Europe/Vienna'
        | 'Europe/Vilnius'
        | 'Europe/Volgograd'
        | 'Europe/Warsaw'
        | 'Europe/Zagreb'
        | 'Europe/Zaporozhye'
        | 'Europe/Zurich'
        | 'Factory'
        | 'GB'
        | 'GB-Eire'
        | 'GMT'
        | 'GMT+0'
        | 'GMT-0'
        | 'GMT0'
        | 'Greenwich'
        | 'HST'
        | 'Hongkong'
        | 'Iceland'
        | 'Indian/Antananarivo'
        | 'Indian/Chagos'
        | 'Indian/Christmas'
        | 'Indian/Cocos'
        | 'Indian/Comoro'
        | 'Indian/Kerguelen'
        | 'Indian/Mahe'
        | 'Indian/Maldives'
        | 'Indian/Mauritius'
        | 'Indian/Mayotte'
        | 'Indian/Reunion'
        | 'Iran'
        | 'Israel'
        | 'Jamaica'
        | 'Japan'
        | 'Kwajalein'
        | 'Libya'
        | 'MET'
        | 'MST'
        | 'MST7MDT'
        | 'Mexico/BajaNorte'
        | 'Mexico/BajaSur'
        | 'Mexico/General'
        | 'NZ'
        | 'NZ-CHAT'
        | 'Navajo'
        | 'PRC'
        | 'PST8PDT'
        | 'Pacific/Apia'
        | 'Pacific/Auckland'
        | 'Pacific/Bougainville'
        | 'Pacific/Chatham'
        | 'Pacific/Chuuk'
        | 'Pacific/Easter'
        | 'Pacific/Efate'
        | 'Pacific/Enderbury'
        | 'Pacific/Fakaofo'
        | 'Pacific/Fiji'
        | 'Pacific/Funafuti'
        | 'Pacific/Galapagos'
        | 'Pacific/Gambier'
        | 'Pacific/Guadalcanal'
        | 'Pacific/Guam'
        | 'Pacific/Honolulu'
        | 'Pacific/Johnston'
        | 'Pacific/Kanton'
        | 'Pacific/Kiritimati'
        | 'Pacific/Kosrae'
        | 'Pacific/Kwajalein'
        | 'Pacific/Majuro'
        | 'Pacific/Marquesas'
        | 'Pacific/Midway'
        | 'Pacific/Nauru'
        | 'Pacific/Niue'
        | 'Pacific/Norfolk'
        | 'Pacific/Noumea'
        | 'Pacific/Pago_Pago'
        | 'Pacific/Palau'
        | 'Pacific/Pitcairn'
        | 'Pacific/Pohnpei'
        | 'Pacific/Ponape'
        | 'Pacific/Port_Moresby'
        | 'Pacific/Rarotonga'
        | 'Pacific/Saipan'
        | 'Pacific/Samoa'
        | 'Pacific/Tahiti'
        | 'Pacific/Tarawa'
        | 'Pacific/Tongatapu'
        | 'Pacific/Truk'
        | 'Pacific/Wake'
        | 'Pacific/Wallis'
        | 'Pacific/Yap'
        | 'Poland'
        | 'Portugal'
        | 'ROC'
        | 'ROK'
        | 'Singapore'
        | 'Turkey'
        | 'UCT'
        | 'US/Alaska'
        | 'US/Aleutian'
        | 'US/Arizona'
        | 'US/Central'
        | 'US/East-Indiana'
        | 'US/Eastern'
        | 'US/Hawaii'
        | 'US/Indiana-Starke'
        | 'US/Michigan'
        | 'US/Mountain'
        | 'US/Pacific'
        | 'US/Samoa'
        | 'UTC'
        | 'Universal'
        | 'W-SU'
        | 'WET'
        | 'Zulu'
        | 'localtime'
      /**
       * @description `body` (default): the refresh token comes in the response body, for API clients. `cookie`: for a browser: it comes in the HttpOnly, SameSite=Strict `planloom_refresh` cookie (path /api/v1/auth), with the readable `planloom_csrf` cookie whose value the refresh and logout requests send back as `X-CSRF-Token`; the body has no refresh token.
       * @default body
       * @enum {string}
       */
      refresh_token_delivery?: 'body' | 'cookie'
    }
    User: {
      /** Format: uuid */
      readonly id?: string
      readonly email?: string
      readonly display_name?: string
      readonly timezone?: string
      readonly role?: unknown
      /** Format: date-time */
      readonly created_at?: string
    }
    AuthResult: {
      access_token: string
      /** @description Absent when it was delivered in the cookie. */
      refresh_token?: string
      token_type: string
      user?: components['schemas']['User']
    }
    Login: {
      email: string
      password: string
      /**
       * @description `body` (default): the refresh token comes in the response body, for API clients. `cookie`: for a browser: it comes in the HttpOnly, SameSite=Strict `planloom_refresh` cookie (path /api/v1/auth), with the readable `planloom_csrf` cookie whose value the refresh and logout requests send back as `X-CSRF-Token`; the body has no refresh token.
       * @default body
       * @enum {string}
       */
      refresh_token_delivery?: 'body' | 'cookie'
    }
    Tokens: {
      access_token: string
      /** @description Absent when it was delivered in the cookie. */
      refresh_token?: string
      token_type: string
    }
    ProfilePatch: {
      display_name?: string
      /** @enum {string} */
      timezone?:
        | 'Africa/Abidjan'
        | 'Africa/Accra'
        | 'Africa/Addis_Ababa'
        | 'Africa/Algiers'
        | 'Africa/Asmara'
        | 'Africa/Asmera'
        | 'Africa/Bamako'
        | 'Africa/Bangui'
        | 'Africa/Banjul'
        | 'Africa/Bissau'
        | 'Africa/Blantyre'
        | 'Africa/Brazzaville'
        | 'Africa/Bujumbura'
        | 'Africa/Cairo'
        | 'Africa/Casablanca'
        | 'Africa/Ceuta'
        | 'Africa/Conakry'
        | 'Africa/Dakar'
        | 'Africa/Dar_es_Salaam'
        | 'Africa/Djibouti'
        | 'Africa/Douala'
        | 'Africa/El_Aaiun'
        | 'Africa/Freetown'
        | 'Africa/Gaborone'
        | 'Africa/Harare'
        | 'Africa/Johannesburg'
        | 'Africa/Juba'
        | 'Africa/Kampala'
        | 'Africa/Khartoum'
        | 'Africa/Kigali'
        | 'Africa/Kinshasa'
        | 'Africa/Lagos'
        | 'Africa/Libreville'
        | 'Africa/Lome'
        | 'Africa/Luanda'
        | 'Africa/Lubumbashi'
        | 'Africa/Lusaka'
        | 'Africa/Malabo'
        | 'Africa/Maputo'
        | 'Africa/Maseru'
        | 'Africa/Mbabane'
        | 'Africa/Mogadishu'
        | 'Africa/Monrovia'
        | 'Africa/Nairobi'
        | 'Africa/Ndjamena'
        | 'Africa/Niamey'
        | 'Africa/Nouakchott'
        | 'Africa/Ouagadougou'
        | 'Africa/Porto-Novo'
        | 'Africa/Sao_Tome'
        | 'Africa/Timbuktu'
        | 'Africa/Tripoli'
        | 'Africa/Tunis'
        | 'Africa/Windhoek'
        | 'America/Adak'
        | 'America/Anchorage'
        | 'America/Anguilla'
        | 'America/Antigua'
        | 'America/Araguaina'
        | 'America/Argentina/Buenos_Aires'
        | 'America/Argentina/Catamarca'
        | 'America/Argentina/ComodRivadavia'
        | 'America/Argentina/Cordoba'
        | 'America/Argentina/Jujuy'
        | 'America/Argentina/La_Rioja'
        | 'America/Argentina/Mendoza'
        | 'America/Argentina/Rio_Gallegos'
        | 'America/Argentina/Salta'
        | 'America/Argentina/San_Juan'
        | 'America/Argentina/San_Luis'
        | 'America/Argentina/Tucuman'
        | 'America/Argentina/Ushuaia'
        | 'America/Aruba'
        | 'America/Asuncion'
        | 'America/Atikokan'
        | 'America/Atka'
        | 'America/Bahia'
        | 'America/Bahia_Banderas'
        | 'America/Barbados'
        | 'America/Belem'
        | 'America/Belize'
        | 'America/Blanc-Sablon'
        | 'America/Boa_Vista'
        | 'America/Bogota'
        | 'America/Boise'
        | 'America/Buenos_Aires'
        | 'America/Cambridge_Bay'
        | 'America/Campo_Grande'
        | 'America/Cancun'
        | 'America/Caracas'
        | 'America/Catamarca'
        | 'America/Cayenne'
        | 'America/Cayman'
        | 'America/Chicago'
        | 'America/Chihuahua'
        | 'America/Ciudad_Juarez'
        | 'America/Coral_Harbour'
        | 'America/Cordoba'
        | 'America/Costa_Rica'
        | 'America/Coyhaique'
        | 'America/Creston'
        | 'America/Cuiaba'
        | 'America/Curacao'
        | 'America/Danmarkshavn'
        | 'America/Dawson'
        | 'America/Dawson_Creek'
        | 'America/Denver'
        | 'America/Detroit'
        | 'America/Dominica'
        | 'America/Edmonton'
        | 'America/Eirunepe'
        | 'America/El_Salvador'
        | 'America/Ensenada'
        | 'America/Fort_Nelson'
        | 'America/Fort_Wayne'
        | 'America/Fortaleza'
        | 'America/Glace_Bay'
        | 'America/Godthab'
        | 'America/Goose_Bay'
        | 'America/Grand_Turk'
        | 'America/Grenada'
        | 'America/Guadeloupe'
        | 'America/Guatemala'
        | 'America/Guayaquil'
        | 'America/Guyana'
        | 'America/Halifax'
        | 'America/Havana'
        | 'America/Hermosillo'
        | 'America/Indiana/Indianapolis'
        | 'America/Indiana/Knox'
        | 'America/Indiana/Marengo'
        | 'America/Indiana/Petersburg'
        | 'America/Indiana/Tell_City'
        | 'America/Indiana/Vevay'
        | 'America/Indiana/Vincennes'
        | 'America/Indiana/Winamac'
        | 'America/Indianapolis'
        | 'America/Inuvik'
        | 'America/Iqaluit'
        | 'America/Jamaica'
        | 'America/Jujuy'
        | 'America/Juneau'
        | 'America/Kentucky/Louisville'
        | 'America/Kentucky/Monticello'
        | 'America/Knox_IN'
        | 'America/Kralendijk'
        | 'America/La_Paz'
        | 'America/Lima'
        | 'America/Los_Angeles'
        | 'America/Louisville'
        | 'America/Lower_Princes'
        | 'America/Maceio'
        | 'America/Managua'
        | 'America/Manaus'
        | 'America/Marigot'
        | 'America/Martinique'
        | 'America/Matamoros'
        | 'America/Mazatlan'
        | 'America/Mendoza'
        | 'America/Menominee'
        | 'America/Merida'
        | 'America/Metlakatla'
        | 'America/Mexico_City'
        | 'America/Miquelon'
        | 'America/Moncton'
        | 'America/Monterrey'
        | 'America/Montevideo'
        | 'America/Montreal'
        | 'America/Montserrat'
        | 'America/Nassau'
        | 'America/New_York'
        | 'America/Nipigon'
        | 'America/Nome'
        | 'America/Noronha'
        | 'America/North_Dakota/Beulah'
        | 'America/North_Dakota/Center'
        | 'America/North_Dakota/New_Salem'
        | 'America/Nuuk'
        | 'America/Ojinaga'
        | 'America/Panama'
        | 'America/Pangnirtung'
        | 'America/Paramaribo'
        | 'America/Phoenix'
        | 'America/Port-au-Prince'
        | 'America/Port_of_Spain'
        | 'America/Porto_Acre'
        | 'America/Porto_Velho'
        | 'America/Puerto_Rico'
        | 'America/Punta_Arenas'
        | 'America/Rainy_River'
        | 'America/Rankin_Inlet'
        | 'America/Recife'
        | 'America/Regina'
        | 'America/Resolute'
        | 'America/Rio_Branco'
        | 'America/Rosario'
        | 'America/Santa_Isabel'
        | 'America/Santarem'
        | 'America/Santiago'
        | 'America/Santo_Domingo'
        | 'America/Sao_Paulo'
        | 'America/Scoresbysund'
        | 'America/Shiprock'
        | 'America/Sitka'
        | 'America/St_Barthelemy'
        | 'America/St_Johns'
        | 'America/St_Kitts'
        | 'America/St_Lucia'
        | 'America/St_Thomas'
        | 'America/St_Vincent'
        | 'America/Swift_Current'
        | 'America/Tegucigalpa'
        | 'America/Thule'
        | 'America/Thunder_Bay'
        | 'America/Tijuana'
        | 'America/Toronto'
        | 'America/Tortola'
        | 'America/Vancouver'
        | 'America/Virgin'
        | 'America/Whitehorse'
        | 'America/Winnipeg'
        | 'America/Yakutat'
        | 'America/Yellowknife'
        | 'Antarctica/Casey'
        | 'Antarctica/Davis'
        | 'Antarctica/DumontDUrville'
        | 'Antarctica/Macquarie'
        | 'Antarctica/Mawson'
        | 'Antarctica/McMurdo'
        | 'Antarctica/Palmer'
        | 'Antarctica/Rothera'
        | 'Antarctica/South_Pole'
        | 'Antarctica/Syowa'
        | 'Antarctica/Troll'
        | 'Antarctica/Vostok'
        | 'Arctic/Longyearbyen'
        | 'Asia/Aden'
        | 'Asia/Almaty'
        | 'Asia/Amman'
        | 'Asia/Anadyr'
        | 'Asia/Aqtau'
        | 'Asia/Aqtobe'
        | 'Asia/Ashgabat'
        | 'Asia/Ashkhabad'
        | 'Asia/Atyrau'
        | 'Asia/Baghdad'
        | 'Asia/Bahrain'
        | 'Asia/Baku'
        | 'Asia/Bangkok'
        | 'Asia/Barnaul'
        | 'Asia/Beirut'
        | 'Asia/Bishkek'
        | 'Asia/Brunei'
        | 'Asia/Calcutta'
        | 'Asia/Chita'
        | 'Asia/Choibalsan'
        | 'Asia/Chongqing'
        | 'Asia/Chungking'
        | 'Asia/Colombo'
        | 'Asia/Dacca'
        | 'Asia/Damascus'
        | 'Asia/Dhaka'
        | 'Asia/Dili'
        | 'Asia/Dubai'
        | 'Asia/Dushanbe'
        | 'Asia/Famagusta'
        | 'Asia/Gaza'
        | 'Asia/Harbin'
        | 'Asia/Hebron'
        | 'Asia/Ho_Chi_Minh'
        | 'Asia/Hong_Kong'
        | 'Asia/Hovd'
        | 'Asia/Irkutsk'
        | 'Asia/Istanbul'
        | 'Asia/Jakarta'
        | 'Asia/Jayapura'
        | 'Asia/Jerusalem'
        | 'Asia/Kabul'
        | 'Asia/Kamchatka'
        | 'Asia/Karachi'
        | 'Asia/Kashgar'
        | 'Asia/Kathmandu'
        | 'Asia/Katmandu'
        | 'Asia/Khandyga'
        | 'Asia/Kolkata'
        | 'Asia/Krasnoyarsk'
        | 'Asia/Kuala_Lumpur'
        | 'Asia/Kuching'
        | 'Asia/Kuwait'
        | 'Asia/Macao'
        | 'Asia/Macau'
        | 'Asia/Magadan'
        | 'Asia/Makassar'
        | 'Asia/Manila'
        | 'Asia/Muscat'
        | 'Asia/Nicosia'
        | 'Asia/Novokuznetsk'
        | 'Asia/Novosibirsk'
        | 'Asia/Omsk'
        | 'Asia/Oral'
        | 'Asia/Phnom_Penh'
        | 'Asia/Pontianak'
        | 'Asia/Pyongyang'
        | 'Asia/Qatar'
        | 'Asia/Qostanay'
        | 'Asia/Qyzylorda'
        | 'Asia/Rangoon'
        | 'Asia/Riyadh'
        | 'Asia/Saigon'
        | 'Asia/Sakhalin'
        | 'Asia/Samarkand'
        | 'Asia/Seoul'
        | 'Asia/Shanghai'
        | 'Asia/Singapore'
        | 'Asia/Srednekolymsk'
        | 'Asia/Taipei'
        | 'Asia/Tashkent'
        | 'Asia/Tbilisi'
        | 'Asia/Tehran'
        | 'Asia/Tel_Aviv'
        | 'Asia/Thimbu'
        | 'Asia/Thimphu'
        | 'Asia/Tokyo'
        | 'Asia/Tomsk'
        | 'Asia/Ujung_Pandang'
        | 'Asia/Ulaanbaatar'
        | 'Asia/Ulan_Bator'
        | 'Asia/Urumqi'
        | 'Asia/Ust-Nera'
        | 'Asia/Vientiane'
        | 'Asia/Vladivostok'
        | 'Asia/Yakutsk'
        | 'Asia/Yangon'
        | 'Asia/Yekaterinburg'
        | 'Asia/Yerevan'
        | 'Atlantic/Azores'
        | 'Atlantic/Bermuda'
        | 'Atlantic/Canary'
        | 'Atlantic/Cape_Verde'
        | 'Atlantic/Faeroe'
        | 'Atlantic/Faroe'
        | 'Atlantic/Jan_Mayen'
        | 'Atlantic/Madeira'
        | 'Atlantic/Reykjavik'
        | 'Atlantic/South_Georgia'
        | 'Atlantic/St_Helena'
        | 'Atlantic/Stanley'
        | 'Australia/ACT'
        | 'Australia/Adelaide'
        | 'Australia/Brisbane'
        | 'Australia/Broken_Hill'
        | 'Australia/Canberra'
        | 'Australia/Currie'
        | 'Australia/Darwin'
        | 'Australia/Eucla'
        | 'Australia/Hobart'
        | 'Australia/LHI'
        | 'Australia/Lindeman'
        | 'Australia/Lord_Howe'
        | 'Australia/Melbourne'
        | 'Australia/NSW'
        | 'Australia/North'
        | 'Australia/Perth'
        | 'Australia/Queensland'
        | 'Australia/South'
        | 'Australia/Sydney'
        | 'Australia/Tasmania'
        | 'Australia/Victoria'
        | 'Australia/West'
        | 'Australia/Yancowinna'
        | 'Brazil/Acre'
        | 'Brazil/DeNoronha'
        | 'Brazil/East'
        | 'Brazil/West'
        | 'CET'
        | 'CST6CDT'
        | 'Canada/Atlantic'
        | 'Canada/Central'
        | 'Canada/Eastern'
        | 'Canada/Mountain'
        | 'Canada/Newfoundland'
        | 'Canada/Pacific'
        | 'Canada/Saskatchewan'
        | 'Canada/Yukon'
        | 'Chile/Continental'
        | 'Chile/EasterIsland'
        | 'Cuba'
        | 'EET'
        | 'EST'
        | 'EST5EDT'
        | 'Egypt'
        | 'Eire'
        | 'Etc/GMT'
        | 'Etc/GMT+0'
        | 'Etc/GMT+1'
        | 'Etc/GMT+10'
        | 'Etc/GMT+11'
        | 'Etc/GMT+12'
        | 'Etc/GMT+2'
        | 'Etc/GMT+3'
        | 'Etc/GMT+4'
        | 'Etc/GMT+5'
        | 'Etc/GMT+6'
        | 'Etc/GMT+7'
        | 'Etc/GMT+8'
        | 'Etc/GMT+9'
        | 'Etc/GMT-0'
        | 'Etc/GMT-1'
        | 'Etc/GMT-10'
        | 'Etc/GMT-11'
        | 'Etc/GMT-12'
        | 'Etc/GMT-13'
        | 'Etc/GMT-14'
        | 'Etc/GMT-2'
        | 'Etc/GMT-3'
        | 'Etc/GMT-4'
        | 'Etc/GMT-5'
        | 'Etc/GMT-6'
        | 'Etc/GMT-7'
        | 'Etc/GMT-8'
        | 'Etc/GMT-9'
        | 'Etc/GMT0'
        | 'Etc/Greenwich'
        | 'Etc/UCT'
        | 'Etc/UTC'
        | 'Etc/Universal'
        | 'Etc/Zulu'
        | 'Europe/Amsterdam'
        | 'Europe/Andorra'
        | 'Europe/Astrakhan'
        | 'Europe/Athens'
        | 'Europe/Belfast'
        | 'Europe/Belgrade'
        | 'Europe/Berlin'
        | 'Europe/Bratislava'
        | 'Europe/Brussels'
        | 'Europe/Bucharest'
        | 'Europe/Budapest'
        | 'Europe/Busingen'
        | 'Europe/Chisinau'
        | 'Europe/Copenhagen'
        | 'Europe/Dublin'
        | 'Europe/Gibraltar'
        | 'Europe/Guernsey'
        | 'Europe/Helsinki'
        | 'Europe/Isle_of_Man'
        | 'Europe/Istanbul'
        | 'Europe/Jersey'
        | 'Europe/Kaliningrad'
        | 'Europe/Kiev'
        | 'Europe/Kirov'
        | 'Europe/Kyiv'
        | 'Europe/Lisbon'
        | 'Europe/Ljubljana'
        | 'Europe/London'
        | 'Europe/Luxembourg'
        | 'Europe/Madrid'
        | 'Europe/Malta'
        | 'Europe/Mariehamn'
        | 'Europe/Minsk'
        | 'Europe/Monaco'
        | 'Europe/Moscow'
        | 'Europe/Nicosia'
        | 'Europe/Oslo'
        | 'Europe/Paris'
        | 'Europe/Podgorica'
        | 'Europe/Prague'
        | 'Europe/Riga'
        | 'Europe/Rome'
        | 'Europe/Samara'
        | 'Europe/San_Marino'
        | 'Europe/Sarajevo'
        | 'Europe/Saratov'
        | 'Europe/Simferopol'
        | 'Europe/Skopje'
        | 'Europe/Sofia'
        | 'Europe/Stockholm'
        | 'Europe/Tallinn'
        | 'Europe/Tirane'
        | 'Europe/Tiraspol'
        | 'Europe/Ulyanovsk'
        | 'Europe/Uzhgorod'
        | 'Europe/Vaduz'
        | 'Europe/Vatican'
        | 'Europe/Vienna'
        | 'Europe/Vilnius'
        | 'Europe/Volgograd'
        | 'Europe/Warsaw'
        | 'Europe/Zagreb'
        | 'Europe/Zaporozhye'
        | 'Europe/Zurich'
        | 'Factory'
        | 'GB'
        | 'GB-Eire'
        | 'GMT'
        | 'GMT+0'
        | 'GMT-0'
        | 'GMT0'
        | 'Greenwich'
        | 'HST'
        | 'Hongkong'
        | 'Iceland'
        | 'Indian/Antananarivo'
        | 'Indian/Chagos'
        | 'Indian/Christmas'
        | 'Indian/Cocos'
        | 'Indian/Comoro'
        | 'Indian/Kerguelen'
        | 'Indian/Mahe'
        | 'Indian/Maldives'
        | 'Indian/Mauritius'
        | 'Indian/Mayotte'
        | 'Indian/Reunion'
        | 'Iran'
        | 'Israel'
        | 'Jamaica'
        | 'Japan'
        | 'Kwajalein'
        | 'Libya'
        | 'MET'
        | 'MST'
        | 'MST7MDT'
        | 'Mexico/BajaNorte'
        | 'Mexico/BajaSur'
        | 'Mexico/General'
        | 'NZ'
        | 'NZ-CHAT'
        | 'Navajo'
        | 'PRC'
        | 'PST8PDT'
        | 'Pacific/Apia'
        | 'Pacific/Auckland'
        | 'Pacific/Bougainville'
        | 'Pacific/Chatham'
        | 'Pacific/Chuuk'
        | 'Pacific/Easter'
        | 'Pacific/Efate'
        | 'Pacific/Enderbury'
        | 'Pacific/Fakaofo'
        | 'Pacific/Fiji'
        | 'Pacific/Funafuti'
        | 'Pacific/Galapagos'
        | 'Pacific/Gambier'
        | 'Pacific/Guadalcanal'
        | 'Pacific/Guam'
        | 'Pacific/Honolulu'
        | 'Pacific/Johnston'
        | 'Pacific/Kanton'
        | 'Pacific/Kiritimati'
        | 'Pacific/Kosrae'
        | 'Pacific/Kwajalein'
        | 'Pacific/Majuro'
        | 'Pacific/Marquesas'
        | 'Pacific/Midway'
        | 'Pacific/Nauru'
        | 'Pacific/Niue'
        | 'Pacific/Norfolk'
        | 'Pacific/Noumea'
        | 'Pacific/Pago_Pago'
        | 'Pacific/Palau'
        | 'Pacific/Pitcairn'
        | 'Pacific/Pohnpei'
        | 'Pacific/Ponape'
        | 'Pacific/Port_Moresby'
        | 'Pacific/Rarotonga'
        | 'Pacific/Saipan'
        | 'Pacific/Samoa'
        | 'Pacific/Tahiti'
        | 'Pacific/Tarawa'
        | 'Pacific/Tongatapu'
        | 'Pacific/Truk'
        | 'Pacific/Wake'
        | 'Pacific/Wallis'
        | 'Pacific/Yap'
        | 'Poland'
        | 'Portugal'
        | 'ROC'
        | 'ROK'
        | 'Singapore'
        | 'Turkey'
        | 'UCT'
        | 'US/Alaska'
        | 'US/Aleutian'
        | 'US/Arizona'
        | 'US/Central'
        | 'US/East-Indiana'
        | 'US/Eastern'
        | 'US/Hawaii'
        | 'US/Indiana-Starke'
        | 'US/Michigan'
        | 'US/Mountain'
        | 'US/Pacific'
        | 'US/Samoa'
        | 'UTC'
        | 'Universal'
        | 'W-SU'
        | 'WET'
        | 'Zulu'
        | 'localtime'
    }
    WorkingHours: {
      mon?: string[][]
      tue?: string[][]
      wed?: string[][]
      thu?: string[][]
      fri?: string[][]
      sat?: string[][]
      sun?: string[][]
    }
    NotificationSettings: {
      channels?: {
        [key: string]: ('email' | 'webhook')[]
      }
      quiet_hours?: string[] | null
      digest_time?: string | null
      webhook_url?: string | null
    }
    Preferences: {
      /** @enum {string} */
      timezone?:
        | 'Africa/Abidjan'
        | 'Africa/Accra'
        | 'Africa/Addis_Ababa'
        | 'Africa/Algiers'
        | 'Africa/Asmara'
        | 'Africa/Asmera'
        | 'Africa/Bamako'
        | 'Africa/Bangui'
        | 'Africa/Banjul'
        | 'Africa/Bissau'
        | 'Africa/Blantyre'
        | 'Africa/Brazzaville'
        | 'Africa/Bujumbura'
        | 'Africa/Cairo'
        | 'Africa/Casablanca'
        | 'Africa/Ceuta'
        | 'Africa/Conakry'
        | 'Africa/Dakar'
        | 'Africa/Dar_es_Salaam'
        | 'Africa/Djibouti'
        | 'Africa/Douala'
        | 'Africa/El_Aaiun'
        | 'Africa/Freetown'
        | 'Africa/Gaborone'
        | 'Africa/Harare'
        | 'Africa/Johannesburg'
        | 'Africa/Juba'
        | 'Africa/Kampala'
        | 'Africa/Khartoum'
        | 'Africa/Kigali'
        | 'Africa/Kinshasa'
        | 'Africa/Lagos'
        | 'Africa/Libreville'
        | 'Africa/Lome'
        | 'Africa/Luanda'
        | 'Africa/Lubumbashi'
        | 'Africa/Lusaka'
        | 'Africa/Malabo'
        | 'Africa/Maputo'
        | 'Africa/Maseru'
        | 'Africa/Mbabane'
        | 'Africa/Mogadishu'
        | 'Africa/Monrovia'
        | 'Africa/Nairobi'
        | 'Africa/Ndjamena'
        | 'Africa/Niamey'
        | 'Africa/Nouakchott'
        | 'Africa/Ouagadougou'
        | 'Africa/Porto-Novo'
        | 'Africa/Sao_Tome'
        | 'Africa/Timbuktu'
        | 'Africa/Tripoli'
        | 'Africa/Tunis'
        | 'Africa/Windhoek'
        | 'America/Adak'
        | 'America/Anchorage'
        | 'America/Anguilla'
        | 'America/Antigua'
        | 'America/Araguaina'
        | 'America/Argentina/Buenos_Aires'
        | 'America/Argentina/Catamarca'
        | 'America/Argentina/ComodRivadavia'
        | 'America/Argentina/Cordoba'
        | 'America/Argentina/Jujuy'
        | 'America/Argentina/La_Rioja'
        | 'America/Argentina/Mendoza'
        | 'America/Argentina/Rio_Gallegos'
        | 'America/Argentina/Salta'
        | 'America/Argentina/San_Juan'
        | 'America/Argentina/San_Luis'
        | 'America/Argentina/Tucuman'
        | 'America/Argentina/Ushuaia'
        | 'America/Aruba'
        | 'America/Asuncion'
        | 'America/Atikokan'
        | 'America/Atka'
        | 'America/Bahia'
        | 'America/Bahia_Banderas'
        | 'America/Barbados'
        | 'America/Belem'
        | 'America/Belize'
        | 'America/Blanc-Sablon'
        | 'America/Boa_Vista'
        | 'America/Bogota'
        | 'America/Boise'
        | 'America/Buenos_Aires'
        | 'America/Cambridge_Bay'
        | 'America/Campo_Grande'
        | 'America/Cancun'
        | 'America/Caracas'
        | 'America/Catamarca'
        | 'America/Cayenne'
        | 'America/Cayman'
        | 'America/Chicago'
        | 'America/Chihuahua'
        | 'America/Ciudad_Juarez'
        | 'America/Coral_Harbour'
        | 'America/Cordoba'
        | 'America/Costa_Rica'
        | 'America/Coyhaique'
        | 'America/Creston'
        | 'America/Cuiaba'
        | 'America/Curacao'
        | 'America/Danmarkshavn'
        | 'America/Dawson'
        | 'America/Dawson_Creek'
        | 'America/Denver'
        | 'America/Detroit'
        | 'America/Dominica'
        | 'America/Edmonton'
        | 'America/Eirunepe'
        | 'America/El_Salvador'
        | 'America/Ensenada'
        | 'America/Fort_Nelson'
        | 'America/Fort_Wayne'
        | 'America/Fortaleza'
        | 'America/Glace_Bay'
        | 'America/Godthab'
        | 'America/Goose_Bay'
        | 'America/Grand_Turk'
        | 'America/Grenada'
        | 'America/Guadeloupe'
        | 'America/Guatemala'
        | 'America/Guayaquil'
        | 'America/Guyana'
        | 'America/Halifax'
        | 'America/Havana'
        | 'America/Hermosillo'
        | 'America/Indiana/Indianapolis'
        | 'America/Indiana/Knox'
        | 'America/Indiana/Marengo'
        | 'America/Indiana/Petersburg'
        | 'America/Indiana/Tell_City'
        | 'America/Indiana/Vevay'
        | 'America/Indiana/Vincennes'
        | 'America/Indiana/Winamac'
        | 'America/Indianapolis'
        | 'America/Inuvik'
        | 'America/Iqaluit'
        | 'America/Jamaica'
        | 'America/Jujuy'
        | 'America/Juneau'
        | 'America/Kentucky/Louisville'
        | 'America/Kentucky/Monticello'
        | 'America/Knox_IN'
        | 'America/Kralendijk'
        | 'America/La_Paz'
        | 'America/Lima'
        | 'America/Los_Angeles'
        | 'America/Louisville'
        | 'America/Lower_Princes'
        | 'America/Maceio'
        | 'America/Managua'
        | 'America/Manaus'
        | 'America/Marigot'
        | 'America/Martinique'
        | 'America/Matamoros'
        | 'America/Mazatlan'
        | 'America/Mendoza'
        | 'America/Menominee'
        | 'America/Merida'
        | 'America/Metlakatla'
        | 'America/Mexico_City'
        | 'America/Miquelon'
        | 'America/Moncton'
        | 'America/Monterrey'
        | 'America/Montevideo'
        | 'America/Montreal'
        | 'America/Montserrat'
        | 'America/Nassau'
        | 'America/New_York'
        | 'America/Nipigon'
        | 'America/Nome'
        | 'America/Noronha'
        | 'America/North_Dakota/Beulah'
        | 'America/North_Dakota/Center'
        | 'America/North_Dakota/New_Salem'
        | 'America/Nuuk'
        | 'America/Ojinaga'
        | 'America/Panama'
        | 'America/Pangnirtung'
        | 'America/Paramaribo'
        | 'America/Phoenix'
        | 'America/Port-au-Prince'
        | 'America/Port_of_Spain'
        | 'America/Porto_Acre'
        | 'America/Porto_Velho'
        | 'America/Puerto_Rico'
        | 'America/Punta_Arenas'
        | 'America/Rainy_River'
        | 'America/Rankin_Inlet'
        | 'America/Recife'
        | 'America/Regina'
        | 'America/Resolute'
        | 'America/Rio_Branco'
        | 'America/Rosario'
        | 'America/Santa_Isabel'
        | 'America/Santarem'
        | 'America/Santiago'
        | 'America/Santo_Domingo'
        | 'America/Sao_Paulo'
        | 'America/Scoresbysund'
        | 'America/Shiprock'
        | 'America/Sitka'
        | 'America/St_Barthelemy'
        | 'America/St_Johns'
        | 'America/St_Kitts'
        | 'America/St_Lucia'
        | 'America/St_Thomas'
        | 'America/St_Vincent'
        | 'America/Swift_Current'
        | 'America/Tegucigalpa'
        | 'America/Thule'
        | 'America/Thunder_Bay'
        | 'America/Tijuana'
        | 'America/Toronto'
        | 'America/Tortola'
        | 'America/Vancouver'
        | 'America/Virgin'
        | 'America/Whitehorse'
        | 'America/Winnipeg'
        | 'America/Yakutat'
        | 'America/Yellowknife'
        | 'Antarctica/Casey'
        | 'Antarctica/Davis'
        | 'Antarctica/DumontDUrville'
        | 'Antarctica/Macquarie'
        | 'Antarctica/Mawson'
        | 'Antarctica/McMurdo'
        | 'Antarctica/Palmer'
        | 'Antarctica/Rothera'
        | 'Antarctica/South_Pole'
        | 'Antarctica/Syowa'
        | 'Antarctica/Troll'
        | 'Antarctica/Vostok'
        | 'Arctic/Longyearbyen'
        | 'Asia/Aden'
        | 'Asia/Almaty'
        | 'Asia/Amman'
        | 'Asia/Anadyr'
        | 'Asia/Aqtau'
        | 'Asia/Aqtobe'
        | 'Asia/Ashgabat'
        | 'Asia/Ashkhabad'
        | 'Asia/Atyrau'
        | 'Asia/Baghdad'
        | 'Asia/Bahrain'
        | 'Asia/Baku'
        | 'Asia/Bangkok'
        | 'Asia/Barnaul'
        | 'Asia/Beirut'
        | 'Asia/Bishkek'
        | 'Asia/Brunei'
        | 'Asia/Calcutta'
        | 'Asia/Chita'
        | 'Asia/Choibalsan'
        | 'Asia/Chongqing'
        | 'Asia/Chungking'
        | 'Asia/Colombo'
        | 'Asia/Dacca'
        | 'Asia/Damascus'
        | 'Asia/Dhaka'
        | 'Asia/Dili'
        | 'Asia/Dubai'
        | 'Asia/Dushanbe'
        | 'Asia/Famagusta'
        | 'Asia/Gaza'
        | 'Asia/Harbin'
        | 'Asia/Hebron'
        | 'Asia/Ho_Chi_Minh'
        | 'Asia/Hong_Kong'
        | 'Asia/Hovd'
        | 'Asia/Irkutsk'
        | 'Asia/Istanbul'
        | 'Asia/Jakarta'
        | 'Asia/Jayapura'
        | 'Asia/Jerusalem'
        | 'Asia/Kabul'
        | 'Asia/Kamchatka'
        | 'Asia/Karachi'
        | 'Asia/Kashgar'
        | 'Asia/Kathmandu'
        | 'Asia/Katmandu'
        | 'Asia/Khandyga'
        | 'Asia/Kolkata'
        | 'Asia/Krasnoyarsk'
        | 'Asia/Kuala_Lumpur'
        | 'Asia/Kuching'
        | 'Asia/Kuwait'
        | 'Asia/Macao'
        | 'Asia/Macau'
        | 'Asia/Magadan'
        | 'Asia/Makassar'
        | 'Asia/Manila'
        | 'Asia/Muscat'
        | 'Asia/Nicosia'
        | 'Asia/Novokuznetsk'
        | 'Asia/Novosibirsk'
        | 'Asia/Omsk'
        | 'Asia/Oral'
        | 'Asia/Phnom_Penh'
        | 'Asia/Pontianak'
        | 'Asia/Pyongyang'
        | 'Asia/Qatar'
        | 'Asia/Qostanay'
        | 'Asia/Qyzylorda'
        | 'Asia/Rangoon'
        | 'Asia/Riyadh'
        | 'Asia/Saigon'
        | 'Asia/Sakhalin'
        | 'Asia/Samarkand'
        | 'Asia/Seoul'
        | 'Asia/Shanghai'
        | 'Asia/Singapore'
        | 'Asia/Srednekolymsk'
        | 'Asia/Taipei'
        | 'Asia/Tashkent'
        | 'Asia/Tbilisi'
        | 'Asia/Tehran'
        | 'Asia/Tel_Aviv'
        | 'Asia/Thimbu'
        | 'Asia/Thimphu'
        | 'Asia/Tokyo'
        | 'Asia/Tomsk'
        | 'Asia/Ujung_Pandang'
        | 'Asia/Ulaanbaatar'
        | 'Asia/Ulan_Bator'
        | 'Asia/Urumqi'
        | 'Asia/Ust-Nera'
        | 'Asia/Vientiane'
        | 'Asia/Vladivostok'
        | 'Asia/Yakutsk'
        | 'Asia/Yangon'
        | 'Asia/Yekaterinburg'
        | 'Asia/Yerevan'
        | 'Atlantic/Azores'
        | 'Atlantic/Bermuda'
        | 'Atlantic/Canary'
        | 'Atlantic/Cape_Verde'
        | 'Atlantic/Faeroe'
        | 'Atlantic/Faroe'
        | 'Atlantic/Jan_Mayen'
        | 'Atlantic/Madeira'
        | 'Atlantic/Reykjavik'
        | 'Atlantic/South_Georgia'
        | 'Atlantic/St_Helena'
        | 'Atlantic/Stanley'
        | 'Australia/ACT'
        | 'Australia/Adelaide'
        | 'Australia/Brisbane'
        | 'Australia/Broken_Hill'
        | 'Australia/Canberra'
        | 'Australia/Currie'
        | 'Australia/Darwin'
        | 'Australia/Eucla'
        | 'Australia/Hobart'
        | 'Australia/LHI'
        | 'Australia/Lindeman'
        | 'Australia/Lord_Howe'
        | 'Australia/Melbourne'
        | 'Australia/NSW'
        | 'Australia/North'
        | 'Australia/Perth'
        | 'Australia/Queensland'
        | 'Australia/South'
        | 'Australia/Sydney'
        | 'Australia/Tasmania'
        | 'Australia/Victoria'
        | 'Australia/West'
        | 'Australia/Yancowinna'
        | 'Brazil/Acre'
        | 'Brazil/DeNoronha'
        | 'Brazil/East'
        | 'Brazil/West'
        | 'CET'
        | 'CST6CDT'
        | 'Canada/Atlantic'
        | 'Canada/Central'
        | 'Canada/Eastern'
        | 'Canada/Mountain'
        | 'Canada/Newfoundland'
        | 'Canada/Pacific'
        | 'Canada/Saskatchewan'
        | 'Canada/Yukon'
        | 'Chile/Continental'
        | 'Chile/EasterIsland'
        | 'Cuba'
        | 'EET'
        | 'EST'
        | 'EST5EDT'
        | 'Egypt'
        | 'Eire'
        | 'Etc/GMT'
        | 'Etc/GMT+0'
        | 'Etc/GMT+1'
        | 'Etc/GMT+10'
        | 'Etc/GMT+11'
        | 'Etc/GMT+12'
        | 'Etc/GMT+2'
        | 'Etc/GMT+3'
        | 'Etc/GMT+4'
        | 'Etc/GMT+5'
        | 'Etc/GMT+6'
        | 'Etc/GMT+7'
        | 'Etc/GMT+8'
        | 'Etc/GMT+9'
        | 'Etc/GMT-0'
        | 'Etc/GMT-1'
        | 'Etc/GMT-10'
        | 'Etc/GMT-11'
        | 'Etc/GMT-12'
        | 'Etc/GMT-13'
        | 'Etc/GMT-14'
        | 'Etc/GMT-2'
        | 'Etc/GMT-3'
        | 'Etc/GMT-4'
        | 'Etc/GMT-5'
        | 'Etc/GMT-6'
        | 'Etc/GMT-7'
        | 'Etc/GMT-8'
        | 'Etc/GMT-9'
        | 'Etc/GMT0'
        | 'Etc/Greenwich'
        | 'Etc/UCT'
        | 'Etc/UTC'
        | 'Etc/Universal'
        | 'Etc/Zulu'
        | 'Europe/Amsterdam'
        | 'Europe/Andorra'
        | 'Europe/Astrakhan'
        | 'Europe/Athens'
        | 'Europe/Belfast'
        | 'Europe/Belgrade'
        | 'Europe/Berlin'
        | 'Europe/Bratislava'
        | 'Europe/Brussels'
        | 'Europe/Bucharest'
        | 'Europe/Budapest'
        | 'Europe/Busingen'
        | 'Europe/Chisinau'
        | 'Europe/Copenhagen'
        | 'Europe/Dublin'
        | 'Europe/Gibraltar'
        | 'Europe/Guernsey'
        | 'Europe/Helsinki'
        | 'Europe/Isle_of_Man'
        | 'Europe/Istanbul'
        | 'Europe/Jersey'
        | 'Europe/Kaliningrad'
        | 'Europe/Kiev'
        | 'Europe/Kirov'
        | 'Europe/Kyiv'
        | 'Europe/Lisbon'
        | 'Europe/Ljubljana'
        | 'Europe/London'
        | 'Europe/Luxembourg'
        | 'Europe/Madrid'
        | 'Europe/Malta'
        | 'Europe/Mariehamn'
        | 'Europe/Minsk'
        | 'Europe/Monaco'
        | 'Europe/Moscow'
        | 'Europe/Nicosia'
        | 'Europe/Oslo'
        | 'Europe/Paris'
        | 'Europe/Podgorica'
        | 'Europe/Prague'
        | 'Europe/Riga'
        | 'Europe/Rome'
        | 'Europe/Samara'
        | 'Europe/San_Marino'
        | 'Europe/Sarajevo'
        | 'Europe/Saratov'
        | 'Europe/Simferopol'
        | 'Europe/Skopje'
        | 'Europe/Sofia'
        | 'Europe/Stockholm'
        | 'Europe/Tallinn'
        | 'Europe/Tirane'
        | 'Europe/Tiraspol'
        | 'Europe/Ulyanovsk'
        | 'Europe/Uzhgorod'
        | 'Europe/Vaduz'
        | 'Europe/Vatican'
        | 'Europe/Vienna'
        | 'Europe/Vilnius'
        | 'Europe/Volgograd'
        | 'Europe/Warsaw'
        | 'Europe/Zagreb'
        | 'Europe/Zaporozhye'
        | 'Europe/Zurich'
        | 'Factory'
        | 'GB'
        | 'GB-Eire'
        | 'GMT'
        | 'GMT+0'
        | 'GMT-0'
        | 'GMT0'
        | 'Greenwich'
        | 'HST'
        | 'Hongkong'
        | 'Iceland'
        | 'Indian/Antananarivo'
        | 'Indian/Chagos'
        | 'Indian/Christmas'
        | 'Indian/Cocos'
        | 'Indian/Comoro'
        | 'Indian/Kerguelen'
        | 'Indian/Mahe'
        | 'Indian/Maldives'
        | 'Indian/Mauritius'
        | 'Indian/Mayotte'
        | 'Indian/Reunion'
        | 'Iran'
        | 'Israel'
        | 'Jamaica'
        | 'Japan'
        | 'Kwajalein'
        | 'Libya'
        | 'MET'
        | 'MST'
        | 'MST7MDT'
        | 'Mexico/BajaNorte'
        | 'Mexico/BajaSur'
        | 'Mexico/General'
        | 'NZ'
        | 'NZ-CHAT'
        | 'Navajo'
        | 'PRC'
        | 'PST8PDT'
        | 'Pacific/Apia'
        | 'Pacific/Auckland'
        | 'Pacific/Bougainville'
        | 'Pacific/Chatham'
        | 'Pacific/Chuuk'
        | 'Pacific/Easter'
        | 'Pacific/Efate'
        | 'Pacific/Enderbury'
        | 'Pacific/Fakaofo'
        | 'Pacific/Fiji'
        | 'Pacific/Funafuti'
        | 'Pacific/Galapagos'
        | 'Pacific/Gambier'
        | 'Pacific/Guadalcanal'
        | 'Pacific/Guam'
        | 'Pacific/Honolulu'
        | 'Pacific/Johnston'
        | 'Pacific/Kanton'
        | 'Pacific/Kiritimati'
        | 'Pacific/Kosrae'
        | 'Pacific/Kwajalein'
        | 'Pacific/Majuro'
        | 'Pacific/Marquesas'
        | 'Pacific/Midway'
        | 'Pacific/Nauru'
        | 'Pacific/Niue'
        | 'Pacific/Norfolk'
        | 'Pacific/Noumea'
        | 'Pacific/Pago_Pago'
        | 'Pacific/Palau'
        | 'Pacific/Pitcairn'
        | 'Pacific/Pohnpei'
        | 'Pacific/Ponape'
        | 'Pacific/Port_Moresby'
        | 'Pacific/Rarotonga'
        | 'Pacific/Saipan'
        | 'Pacific/Samoa'
        | 'Pacific/Tahiti'
        | 'Pacific/Tarawa'
        | 'Pacific/Tongatapu'
        | 'Pacific/Truk'
        | 'Pacific/Wake'
        | 'Pacific/Wallis'
        | 'Pacific/Yap'
        | 'Poland'
        | 'Portugal'
        | 'ROC'
        | 'ROK'
        | 'Singapore'
        | 'Turkey'
        | 'UCT'
        | 'US/Alaska'
        | 'US/Aleutian'
        | 'US/Arizona'
        | 'US/Central'
        | 'US/East-Indiana'
        | 'US/Eastern'
        | 'US/Hawaii'
        | 'US/Indiana-Starke'
        | 'US/Michigan'
        | 'US/Mountain'
        | 'US/Pacific'
        | 'US/Samoa'
        | 'UTC'
        | 'Universal'
        | 'W-SU'
        | 'WET'
        | 'Zulu'
        | 'localtime'
      working_hours?: components['schemas']['WorkingHours']
      default_duration_minutes?: number
      buffer_minutes?: number
      daily_cap_minutes?: number | null
      /** @enum {string} */
      date_order?: 'MDY' | 'DMY'
      /** @description Quick-add: the time of day a date without a time gets */
      default_time?: string
      reminder_lead_minutes?: number
      /** @description After a task is marked done, the app asks how long it took (estimate accuracy on Insights) */
      ask_actual_minutes?: boolean
      notifications?: components['schemas']['NotificationSettings']
    }
    RolePatch: {
      /** @enum {string} */
      role: 'user' | 'admin'
    }
    TaskDump: {
      /** Format: uuid */
      readonly id?: string
      title: string
      notes?: string
      duration_minutes?: number
      /**
       * Format: date-time
       * @description must be a date-time in the years 1970 to 2200, with a UTC offset
       */
      due?: string | null
      /**
       * Format: date-time
       * @description must be a date-time in the years 1970 to 2200, with a UTC offset
       */
      earliest_start?: string | null
      priority?: number
      readonly status?: unknown
      /** Format: uuid */
      category_id?: string | null
      readonly tags?: unknown
      splittable?: boolean
      min_chunk_minutes?: number
      readonly depends_on?: unknown
      /** @description An RFC 5545 RRULE (at most 500 characters), read by python-dateutil and held to the routine subset that stays cheap to expand (else a 422 that says why): FREQ HOURLY (INTERVAL <= 24 hours, no BYHOUR/BYMINUTE), DAILY, WEEKLY, MONTHLY or YEARLY; INTERVAL <= 99; COUNT <= 1000 (not with UNTIL); at most 24 times a day (BYHOUR x BYMINUTE); BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, BYHOUR, BYMINUTE, WKST and UNTIL, without combinations that would match rarely or never (see docs/routines.md). Cap: a plan holds at most 366 occurrences of one routine per planning horizon (8 weeks; nearest first, and of an every-N-hours routine only those meeting working hours). */
      recurrence?: string | null
      /** Format: date-time */
      readonly completed_at?: string | null
      /** @description How long a done task took, 1 to 10080. Send it (PATCH, with or after status done) to report it; null forgets a reported value. Unreported, it is the minutes of the task's blocks that had begun when it was marked done, which never exceed its duration. */
      actual_minutes?: number | null
      /** @description Whether actual_minutes was reported (only reported ones count in estimate accuracy) */
      readonly actual_reported?: boolean
      /** Format: date-time */
      readonly created_at?: string
      /** Format: date-time */
      readonly updated_at?: string
      readonly version?: number
    }
    Task: {
      /** Format: uuid */
      readonly id?: string
      title: string
      notes?: string
      duration_minutes?: number
      /**
       * Format: date-time
       * @description must be a date-time in the years 1970 to 2200, with a UTC offset
       */
      due?: string | null
      /**
       * Format: date-time
       * @description must be a date-time in the years 1970 to 2200, with a UTC offset
       */
      earliest_start?: string | null
      priority?: number
      /**
       * @description todo, done or cancelled. On an open routine (a task with a recurrence), done completes its current occurrence (the one missed and still waiting, else the next) and the routine stays todo; it is done once its rule has no occurrence left; cancelled ends it.
       * @enum {string}
       */
      status?: 'todo' | 'done' | 'cancelled'
      /** Format: uuid */
      category_id?: string | null
      tags?: string[]
      splittable?: boolean
      min_chunk_minutes?: number
      depends_on?: string[]
      /** @description An RFC 5545 RRULE (at most 500 characters), read by python-dateutil and held to the routine subset that stays cheap to expand (else a 422 that says why): FREQ HOURLY (INTERVAL <= 24 hours, no BYHOUR/BYMINUTE), DAILY, WEEKLY, MONTHLY or YEARLY; INTERVAL <= 99; COUNT <= 1000 (not with UNTIL); at most 24 times a day (BYHOUR x BYMINUTE); BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, BYHOUR, BYMINUTE, WKST and UNTIL, without combinations that would match rarely or never (see docs/routines.md). Cap: a plan holds at most 366 occurrences of one routine per planning horizon (8 weeks; nearest first, and of an every-N-hours routine only those meeting working hours). */
      recurrence?: string | null
      /** Format: date-time */
      readonly completed_at?: string | null
      /** @description How long a done task took, 1 to 10080. Send it (PATCH, with or after status done) to report it; null forgets a reported value. Unreported, it is the minutes of the task's blocks that had begun when it was marked done, which never exceed its duration. */
      actual_minutes?: number | null
      /** @description Whether actual_minutes was reported (only reported ones count in estimate accuracy) */
      readonly actual_reported?: boolean
      /** Format: date-time */
      readonly created_at?: string
      /** Format: date-time */
      readonly updated_at?: string
      readonly version?: number
    }
    TaskPatch: {
      /** Format: uuid */
      readonly id?: string
      title?: string
      notes?: string
      duration_minutes?: number
      /**
       * Format: date-time
       * @description must be a date-time in the years 1970 to 2200, with a UTC offset
       */
      due?: string | null
      /**
       * Format: date-time
       * @description must be a date-time in the years 1970 to 2200, with a UTC offset
       */
      earliest_start?: string | null
      priority?: number
      /**
       * @description todo, done or cancelled. On an open routine (a task with a recurrence), done completes its current occurrence (the one missed and still waiting, else the next) and the routine stays todo; it is done once its rule has no occurrence left; cancelled ends it.
       * @enum {string}
       */
      status?: 'todo' | 'done' | 'cancelled'
      /** Format: uuid */
      category_id?: string | null
      tags?: string[]
      splittable?: boolean
      min_chunk_minutes?: number
      depends_on?: string[]
      /** @description An RFC 5545 RRULE (at most 500 characters), read by python-dateutil and held to the routine subset that stays cheap to expand (else a 422 that says why): FREQ HOURLY (INTERVAL <= 24 hours, no BYHOUR/BYMINUTE), DAILY, WEEKLY, MONTHLY or YEARLY; INTERVAL <= 99; COUNT <= 1000 (not with UNTIL); at most 24 times a day (BYHOUR x BYMINUTE); BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, BYHOUR, BYMINUTE, WKST and UNTIL, without combinations that would match rarely or never (see docs/routines.md). Cap: a plan holds at most 366 occurrences of one routine per planning horizon (8 weeks; nearest first, and of an every-N-hours routine only those meeting working hours). */
      recurrence?: string | null
      /** Format: date-time */
      readonly completed_at?: string | null
      /** @description How long a done task took, 1 to 10080. Send it (PATCH, with or after status done) to report it; null forgets a reported value. Unreported, it is the minutes of the task's blocks that had begun when it was marked done, which never exceed its duration. */
      actual_minutes?: number | null
      /** @description Whether actual_minutes was reported (only reported ones count in estimate accuracy) */
      readonly actual_reported?: boolean
      /** Format: date-time */
      readonly created_at?: string
      /** Format: date-time */
      readonly updated_at?: string
      readonly version?: number
    }
    Occurrence: {
      /** @description local wall time YYYY-MM-DDTHH:MM: the occurrence's name */
      occurrence?: string
      /**
       * Format: date-time
       * @description it may be worked on from here
       */
      start?: string
      /** Format: date-time */
      due?: string
      /** @description true: it starts at a time of day (start) */
      fixed_time?: boolean
      /** @enum {string} */
      status?: 'open' | 'done' | 'skipped' | 'missed'
      /** Format: date-time */
      recorded_at?: string | null
    }
    OccurrenceStatus: {
      /** @enum {string} */
      status: 'done' | 'skipped'
    }
    Category: {
      /** Format: uuid */
      readonly id?: string
      name: string
      color?: string | null
      /** Format: date-time */
      readonly created_at?: string
    }
    CategoryPatch: {
      /** Format: uuid */
      readonly id?: string
      name?: string
      color?: string | null
      /** Format: date-time */
      readonly created_at?: string
    }
    Tag: {
      /** Format: uuid */
      readonly id?: string
      name: string
      /** Format: date-time */
      readonly created_at?: string
    }
    BlockTask: {
      /** Format: uuid */
      id?: string
      title?: string
      priority?: number
      /** Format: date-time */
      due?: string | null
      readonly status?: unknown
    }
    BlockWithTask: {
      /** Format: uuid */
      readonly id?: string
      /** Format: uuid */
      readonly task_id?: string
      /**
       * Format: date-time
       * @description must be a date-time in the years 1970 to 2200, with a UTC offset
       */
      start: string
      /**
       * Format: date-time
       * @description must be a date-time in the years 1970 to 2200, with a UTC offset
       */
      end: string
      readonly pinned?: boolean
      readonly reason?: string
      task?: components['schemas']['BlockTask'] | null
    }
    PlanSummary: {
      /** Format: date-time */
      computed_at?: string
      unscheduled?: {
        [key: string]: unknown
      }[]
      lateness?: {
        [key: string]: unknown
      }[]
      shortfalls?: {
        [key: string]: unknown
      }[]
      metrics?: {
        [key: string]: unknown
      }
    }
    Schedule: {
      blocks?: components['schemas']['BlockWithTask'][]
      plan?: components['schemas']['PlanSummary'] | null
    }
    Block: {
      /** Format: uuid */
      readonly id?: string
      /** Format: uuid */
      readonly task_id?: string
      /**
       * Format: date-time
       * @description must be a date-time in the years 1970 to 2200, with a UTC offset
       */
      start: string
      /**
       * Format: date-time
       * @description must be a date-time in the years 1970 to 2200, with a UTC offset
       */
      end: string
      readonly pinned?: boolean
      readonly reason?: string
    }
    Notification: {
      /** Format: uuid */
      id?: string
      kind?: string
      title?: string
      body?: string
      data?: {
        [key: string]: unknown
      }
      /** Format: date-time */
      created_at?: string
      /** Format: date-time */
      read_at?: string | null
    }
    ParseArgs: {
      /** @description Quick-add text. At most 10000 characters in all, 1000 characters per line and 100 tasks (lines and ';'-separated pieces); more is a 422. */
      text: string
      /**
       * Format: date-time
       * @description must be a date-time in the years 1970 to 2200, with a UTC offset
       */
      now?: string
      timezone?: string
    }
    WarningSpan: {
      /**
       * @description ambiguous_date_order: a figure date such as 3/4 read in the user's date order; next_weekday: 'next <weekday>' read as the one in next week, not the nearest; weekday_is_today: a bare weekday that is today read as next week's; two_digit_year: a two-digit year read in this century; year_assumed: a date without a year read in a later year; assumed_am_pm: an hour without am/pm read as a working hour; approximate_time: '3pm-ish' read as the exact hour; in_past: a date or time that is already past; time_passed: a time already past today read as tomorrow; clock_change: a time inside a clock change moved past it; weekday_mismatch: a weekday that does not match the date given with it; range_start: a range of days; the first is used; rule_end_before_start: 'every ... until <date>' ending before its first time: kept without an end; holiday_elsewhere: a public holiday not kept in the user's country; left in the title; several_values: a second date, time, duration... left in the title; no_title: nothing left for a title; the whole text kept; model_unavailable: the language model failed; the local rules read the text
       * @enum {string}
       */
      code:
        | 'ambiguous_date_order'
        | 'approximate_time'
        | 'assumed_am_pm'
        | 'clock_change'
        | 'holiday_elsewhere'
        | 'in_past'
        | 'model_unavailable'
        | 'next_weekday'
        | 'no_title'
        | 'range_start'
        | 'rule_end_before_start'
        | 'several_values'
        | 'time_passed'
        | 'two_digit_year'
        | 'weekday_is_today'
        | 'weekday_mismatch'
        | 'year_assumed'
      /** @description The same text as in warnings */
      message: string
      /** @description Offset (Unicode code points) into the text of the part the warning is about; null when it is about the whole text */
      start: number | null
      /** @description End offset, exclusive */
      end: number | null
    }
    ParseResult: {
      engine?: string
      tasks?: {
        [key: string]: unknown
      }[]
      command?: {
        [key: string]: unknown
      } | null
      /** @description Readings the interpreter is unsure of, as messages */
      warnings?: string[]
      /** @description The same doubts with a code and the span of the text they are about (every local warning; a language model's free-text notes are only in warnings) */
      warning_spans?: components['schemas']['WarningSpan'][]
    }
    TextArgs: {
      /** @description Quick-add text. At most 10000 characters in all, 1000 characters per line and 100 tasks (lines and ';'-separated pieces); more is a 422. */
      text: string
    }
    QuickAddResult: {
      engine?: string
      tasks?: components['schemas']['TaskDump'][]
      /** @description Readings the interpreter is unsure of, as messages */
      warnings?: string[]
      /** @description The same doubts with a code and the span of the text they are about (every local warning; a language model's free-text notes are only in warnings) */
      warning_spans?: components['schemas']['WarningSpan'][]
    }
    CommandResult: {
      command?: string
      status?: string
      message?: string
      /** @description Readings the interpreter is unsure of, as messages */
      warnings?: string[]
      /** @description The same doubts with a code and the span of the text they are about (every local warning; a language model's free-text notes are only in warnings) */
      warning_spans?: components['schemas']['WarningSpan'][]
      tasks?: components['schemas']['TaskDump'][]
      candidates?: components['schemas']['TaskDump'][]
      blocks?: components['schemas']['Block'][]
    }
    FineTune: {
      base_model?: string
      job_id?: string
      status?: string
      fine_tuned_model?: string | null
      error?: string | null
      /** Format: date-time */
      updated_at?: string
    }
    FineTuneArgs: {
      /** @description One of the server's allowed base models (PLANLOOM_FINE_TUNE_MODELS); default: the first. */
      base_model?: string
    }
    Busy: {
      /** Format: uuid */
      readonly id?: string
      /**
       * Format: date-time
       * @description must be a date-time in the years 1970 to 2200, with a UTC offset
       */
      start: string
      /**
       * Format: date-time
       * @description must be a date-time in the years 1970 to 2200, with a UTC offset
       */
      end: string
      /** @default  */
      title?: string
      readonly source?: string
      /** @description the colour (#rrggbb) of the calendar it came from; null for busy time entered by hand */
      readonly color?: string | null
    }
    CalendarConnection: {
      /** Format: uuid */
      id?: string
      /** @enum {string} */
      kind?: 'ics_url' | 'ics_file' | 'caldav' | 'google'
      name?: string
      /** @description the CalDAV server, or only the origin of an ICS feed */
      url?: string
      username?: string
      calendar_url?: string
      write_calendar_url?: string
      blocks_time?: boolean
      /** @enum {string} */
      status?: 'pending' | 'ok' | 'error'
      last_error?: string
      /** Format: date-time */
      last_synced_at?: string | null
      /** @description syncs failed in a row (0: the last one worked) */
      failures?: number
      /**
       * Format: date-time
       * @description when the current run of failures began; the owner is told in the inbox (kind ``calendar_failing``) at once if retrying cannot help, else from the second failure
       */
      failing_since?: string | null
      /** @description #rrggbb: the read calendar's own colour (Google, CalDAV: remembered when its account's calendars are listed), else a stable one chosen by the connection's id */
      color?: string
      /** Format: date-time */
      created_at?: string
    }
    ConnectCalendar: {
      /**
       * @description ``ics_url``: subscribe to a feed (``url``); ``ics_file``: import ``content`` once (it is re-read at every sync); ``caldav``: ``url``, ``username``, ``password`` and optionally ``calendar_url`` (else every calendar of the account)
       * @enum {string}
       */
      kind: 'ics_url' | 'ics_file' | 'caldav'
      name: string
      /** @description the feed's address (kept secret: only its origin is shown) or the CalDAV server's */
      url?: string
      username?: string
      /** @description CalDAV (app) password; encrypted at rest, never returned */
      password?: string
      /** @description an .ics file's text, at most 500,000 characters (and the request-body limit); encrypted at rest */
      content?: string
      /** @description CalDAV: the calendar to read (else every calendar) */
      calendar_url?: string
      /** @description CalDAV: the calendar that receives the plan's blocks (events marked as Planloom's; only the difference is written at each new plan) */
      write_calendar_url?: string
      /**
       * @description whether its events keep work away
       * @default true
       */
      blocks_time?: boolean
    }
    UpdateCalendar: {
      name?: string
      blocks_time?: boolean
      /** @description CalDAV or Google: the calendar to read (a ``url`` from ``/calendars``); CalDAV, empty: all */
      calendar_url?: string
      /** @description CalDAV or Google: the calendar that receives the plan's blocks (a ``url`` from ``/calendars``); empty: none */
      write_calendar_url?: string
    }
    SyncOutcome: {
      /** Format: uuid */
      connection_id?: string
      added?: number
      updated?: number
      removed?: number
      /** @description occurrences read in the window (at most 5,000) */
      events?: number
      error?: string
      /** @description Planloom's blocks moved in the calendar: pinned there */
      blocks_pinned?: number
      /** @description Planloom's blocks deleted in the calendar: their tasks are planned again */
      blocks_unscheduled?: number
    }
    RemoteCalendar: {
      url?: string
      name?: string
      color?: string
    }
    Consent: {
      /** @description send the user's browser here to consent */
      authorization_url?: string
    }
    TextLine: {
      text?: string
      confidence?: number
      /** @description four [x, y] corners clockwise from the top left, in pixels of the stored image */
      box?: number[][]
      /** @description a stroke runs through the line (an item crossed out: its draft is ``checked``), judged from the line's ink */
      struck?: boolean
    }
    Image: {
      /** Format: uuid */
      id?: string
      /**
       * @description ``pending`` until the text is read (in the background), then ``done`` or ``failed``
       * @enum {string}
       */
      status?: 'pending' | 'done' | 'failed'
      error?: string
      /** @enum {string} */
      format?: 'png' | 'jpeg' | 'webp'
      media_type?: string
      width?: number
      height?: number
      size_bytes?: number
      caption?: string
      /** @description a caption's ``#word`` (any word), else one of todo_list, receipt, whiteboard, handwritten_note, screenshot, document, photo as annotated or guessed; null until guessed (the guess comes with the text) */
      category?: string | null
      /** @description 0-1; 1 for a caption's or a person's category */
      category_confidence?: number
      /**
       * @description ``caption`` (its ``#word``), ``user`` (an annotation), ``model`` (the categoriser learned from your annotations), ``prior`` (the built-in rules, before any annotation)
       * @enum {string|null}
       */
      category_source?: 'caption' | 'user' | 'model' | 'prior' | null
      /** @description the guess is less confident than the server's threshold (PLANLOOM_IMAGE_REVIEW_THRESHOLD, 0.6 by default): ask the person, then annotate */
      category_needs_review?: boolean
      /** @description what read the text: rapidocr, google_vision */
      engine?: string
      text?: string
      /** @description in reading order */
      lines?: components['schemas']['TextLine'][]
      labels?: string[]
      /** @description task drafts, as ``POST /ai/parse`` gives them: title, due, start, duration_minutes, priority, tags, category, recurrence, spans */
      drafts?: {
        [key: string]: unknown
      }[]
      /** @description per draft: ticked or crossed out on the image (not accepted by default) */
      checked?: boolean[]
      /** @description per draft, the indexes in ``lines`` of the lines it was read from, in reading order (several when the item wraps; none when its lines were past the kept ones); null when the link is not known: the image is not read yet, or was read before drafts kept it */
      line_indexes?: number[][] | null
      /** @description tasks accepted from the drafts */
      task_ids?: string[]
      /** Format: date-time */
      created_at?: string
      /** Format: date-time */
      processed_at?: string | null
    }
    Upload: {
      /**
       * Format: binary
       * @description the image: PNG, JPEG, WebP, HEIC/HEIF or AVIF. The file is at most 10,485,760 bytes (else 413) and 25,000,000 pixels, read from its header before any decoding (else 413: decompression bombs are refused undecoded); its format is read from its content, never its name or declared type: PNG, JPEG, WebP, HEIC/HEIF (iPhone photos) or AVIF (else 415, an animated AVIF too; an AVIF's every coded image is held to its header's size, else 422); a damaged image is a 422. It is stored re-encoded, upright (EXIF orientation, or HEIF's and AVIF's own rotation, applied) and without metadata (no EXIF, GPS, XMP or text): PNG, JPEG and WebP in their own format, HEIC/HEIF and AVIF as JPEG (WebP when transparent; ``format`` says which); of a HEIF file holding several images, the primary one. At most 500 images per account (else 409). Of what is read, 400 lines, 20,000 characters and 100 drafts are kept.
       */
      file: string
      /**
       * @description optional; ``#word`` names the image's category (``#receipts``)
       * @default
       */
      caption?: string
    }
    DraftEdit: {
      /** @description the draft edited; it must be one of those accepted */
      index: number
      title?: string
      /**
       * Format: date-time
       * @description must be a date-time in the years 1970 to 2200, with a UTC offset
       */
      due?: string | null
      duration_minutes?: number
      priority?: number
      tags?: string[]
      /** @description a category by name (made if new); null: none */
      category?: string | null
    }
    AcceptTasks: {
      /** @description which drafts to make tasks of (absent: every draft not checked) */
      indexes?: number[]
      /** @description changes to accepted drafts before their tasks are made, at most one per draft: the fields given replace the draft's (same rules as creating a task). An edit of a draft not accepted is a 422. An edited draft counts as a corrected quick-add reading (insights, learning). */
      edits?: components['schemas']['DraftEdit'][]
    }
    AcceptedTasks: {
      image?: components['schemas']['Image']
      tasks?: components['schemas']['TaskDump'][]
    }
    Annotation: {
      /**
       * @description what the image is; the same category again changes nothing
       * @enum {string}
       */
      category: 'todo_list' | 'receipt' | 'whiteboard' | 'handwritten_note' | 'screenshot' | 'document' | 'photo'
    }
    Lateness: {
      /** @description under_1h, 1h_to_1d, 1d_to_3d, 3d_to_7d or over_7d late */
      bucket?: string
      tasks?: number
    }
    Accuracy: {
      /** @description done tasks whose actual minutes the person reported (a task's actual_minutes with actual_reported true); others are left out */
      tasks?: number
      planned_minutes?: number
      /** @description the reported minutes of those tasks */
      actual_minutes?: number
      /** @description actual / planned; above 1: took longer */
      ratio?: number | null
      mean_abs_error_minutes?: number | null
      /** @description tasks that took longer than planned */
      over?: number
      under?: number
      exact?: number
    }
    Hour: {
      /** @description local hour of the day, 0-23 */
      hour?: number
      done?: number
    }
    Streaks: {
      current?: number
      longest?: number
      active_days?: number
    }
    QuickAddFields: {
      title?: number
      due?: number
      start?: number
      duration_minutes?: number
      priority?: number
      tags?: number
      category?: number
      recurrence?: number
    }
    QuickAddSummary: {
      /** @description tasks made by quick-add (or an image's accepted drafts) on these days; a deleted task leaves the count */
      made?: number
      /** @description of those, how many the person edited within 30 minutes so that a field of the reading changed (counted once however often; an edit that changed none of them is no correction) */
      corrected?: number
      /** @description corrected / made; null when none were made */
      rate?: number | null
      /** @description per field, how many corrected quick-adds changed it (as the latest correction left it) */
      fields?: components['schemas']['QuickAddFields']
    }
    Summary: {
      from?: string
      to?: string
      done?: number
      cancelled?: number
      /** @description estimates of the tasks closed (done or cancelled) */
      planned_minutes?: number
      /** @description minutes of done tasks: as reported, else their estimate */
      done_minutes?: number
      on_time?: number
      late?: number
      without_due?: number
      on_time_rate?: number | null
      lateness?: components['schemas']['Lateness'][]
      estimates?: components['schemas']['Accuracy']
      /** @description re-plans that moved blocks or found blocks missed */
      plan_changes?: number
      moved_blocks?: number
      /** @description blocks whose time passed while their task was still open (the plan placed the work again) */
      missed_blocks?: number
      /** @description top 5 hours by tasks done */
      busiest_hours?: components['schemas']['Hour'][]
      hours?: components['schemas']['Hour'][]
      streaks?: components['schemas']['Streaks']
      /** @description quick-adds made on these days and how often their reading was corrected */
      quick_add?: components['schemas']['QuickAddSummary']
    }
    Week: {
      /** @description the Monday of the week */
      week?: string
      planned_minutes?: number
      done_minutes?: number
      done?: number
      cancelled?: number
      on_time?: number
      late?: number
      plan_changes?: number
    }
    Weekly: {
      from?: string
      to?: string
      weeks?: components['schemas']['Week'][]
    }
    CategoryTime: {
      /** Format: uuid */
      category_id?: string | null
      name?: string
      done?: number
      cancelled?: number
      minutes?: number
      planned_minutes?: number
    }
    TagTime: {
      tag?: string
      minutes?: number
    }
    Categories: {
      from?: string
      to?: string
      categories?: components['schemas']['CategoryTime'][]
      /** @description the 20 tags with the most minutes */
      tags?: components['schemas']['TagTime'][]
      other_tags_minutes?: number
    }
    CategoryAccuracy: {
      /** @description done tasks whose actual minutes the person reported (a task's actual_minutes with actual_reported true); others are left out */
      tasks?: number
      planned_minutes?: number
      /** @description the reported minutes of those tasks */
      actual_minutes?: number
      /** @description actual / planned; above 1: took longer */
      ratio?: number | null
      mean_abs_error_minutes?: number | null
      /** @description tasks that took longer than planned */
      over?: number
      under?: number
      exact?: number
      /** Format: uuid */
      category_id?: string | null
      name?: string
      /** @description the duration quick-add now proposes for this category, learned from finished tasks */
      learned_minutes?: number | null
    }
    DurationAccuracy: {
      /** @description done tasks whose actual minutes the person reported (a task's actual_minutes with actual_reported true); others are left out */
      tasks?: number
      planned_minutes?: number
      /** @description the reported minutes of those tasks */
      actual_minutes?: number
      /** @description actual / planned; above 1: took longer */
      ratio?: number | null
      mean_abs_error_minutes?: number | null
      /** @description tasks that took longer than planned */
      over?: number
      under?: number
      exact?: number
      /** @description planned minutes: up_to_15, 16_to_30, 31_to_60, 61_to_120, over_120 */
      bucket?: string
    }
    Estimates: {
      from?: string
      to?: string
      overall?: components['schemas']['Accuracy']
      /** @description actual / planned minutes over the range: multiply an estimate by it to expect the actual */
      correction_factor?: number | null
      by_category?: components['schemas']['CategoryAccuracy'][]
      by_duration?: components['schemas']['DurationAccuracy'][]
    }
    FeedStatus: {
      /** @description whether a feed address works now */
      active?: boolean
      /** Format: date-time */
      issued_at?: string | null
    }
    IssuedFeed: {
      /** @description the feed's address (secret: shown only now) */
      url?: string
      /** Format: date-time */
      issued_at?: string
    }
  }
  responses: {
    /** @description Unprocessable content */
    UNPROCESSABLE_ENTITY: {
      headers: {
        [name: string]: unknown
      }
      content: {
        'application/problem+json': components['schemas']['Problem']
      }
    }
    /** @description Unexpected error */
    DEFAULT_ERROR: {
      headers: {
        [name: string]: unknown
      }
      content: {
        'application/problem+json': components['schemas']['Problem']
      }
    }
    /** @description Bad request */
    BAD_REQUEST: {
      headers: {
        [name: string]: unknown
      }
      content: {
        'application/problem+json': components['schemas']['Problem']
      }
    }
    /** @description Payload too large */
    REQUEST_ENTITY_TOO_LARGE: {
      headers: {
        [name: string]: unknown
      }
      content: {
        'application/problem+json': components['schemas']['Problem']
      }
    }
    /** @description Unsupported media type */
    UNSUPPORTED_MEDIA_TYPE: {
      headers: {
        [name: string]: unknown
      }
      content: {
        'application/problem+json': components['schemas']['Problem']
      }
    }
    /** @description Too many requests */
    TOO_MANY_REQUESTS: {
      headers: {
        [name: string]: unknown
      }
      content: {
        'application/problem+json': components['schemas']['Problem']
      }
    }
    /** @description Unauthorized */
    UNAUTHORIZED: {
      headers: {
        [name: string]: unknown
      }
      content: {
        'application/problem+json': components['schemas']['Problem']
      }
    }
    /** @description Not found */
    NOT_FOUND: {
      headers: {
        [name: string]: unknown
      }
      content: {
        'application/problem+json': components['schemas']['Problem']
      }
    }
  }
  parameters: never
  requestBodies: never
  headers: never
  pathItems: never
}
export type $defs = Record<string, never>
export type operations = Record<string, never>
