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
        422: components['responses']['UNPROCESSABLE_ENTITY']
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
        422: components['responses']['UNPROCESSABLE_ENTITY']
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
        422: components['responses']['UNPROCESSABLE_ENTITY']
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
        422: components['responses']['UNPROCESSABLE_ENTITY']
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
            'X-Pagination': components['headers']['PAGINATION']
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['User'][]
          }
        }
        422: components['responses']['UNPROCESSABLE_ENTITY']
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
        422: components['responses']['UNPROCESSABLE_ENTITY']
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
    /** List tasks: filter by status, category, tag, due range and text; sort; paginate */
    get: {
      parameters: {
        query?: {
          status?: ('todo' | 'scheduled' | 'done' | 'cancelled')[]
          category_id?: string
          tag?: string
          due_before?: string
          due_after?: string
          q?: string
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
            'X-Pagination': components['headers']['PAGINATION']
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['TaskDump'][]
          }
        }
        422: components['responses']['UNPROCESSABLE_ENTITY']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    /** Create a task (honours Idempotency-Key) */
    post: {
      parameters: {
        query?: never
        header?: never
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
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['TaskDump']
          }
        }
        /** @description Invalid task */
        422: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
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
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    options?: never
    head?: never
    /** Change some fields; send If-Match with the ETag to guard against lost updates */
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
        /** @description If-Match names an older version */
        412: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        422: components['responses']['UNPROCESSABLE_ENTITY']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
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
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    /** Create a category (honours Idempotency-Key) */
    post: {
      parameters: {
        query?: never
        header?: never
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
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Category']
          }
        }
        422: components['responses']['UNPROCESSABLE_ENTITY']
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
        422: components['responses']['UNPROCESSABLE_ENTITY']
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
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    /** Create a tag (honours Idempotency-Key) */
    post: {
      parameters: {
        query?: never
        header?: never
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
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Tag']
          }
        }
        422: components['responses']['UNPROCESSABLE_ENTITY']
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
        422: components['responses']['UNPROCESSABLE_ENTITY']
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
      requestBody: {
        content: {
          'application/json': Record<string, never>
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
    /** Blocks overlapping [from, to) with their tasks (default: the next 7 days), and the last plan's notes */
    get: {
      parameters: {
        query?: {
          from?: string
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
        422: components['responses']['UNPROCESSABLE_ENTITY']
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
    /** Move a block by hand (this pins it); the rest of the plan flows around it */
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
        422: components['responses']['UNPROCESSABLE_ENTITY']
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
            'X-Pagination': components['headers']['PAGINATION']
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Notification'][]
          }
        }
        422: components['responses']['UNPROCESSABLE_ENTITY']
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
     * @description At most ``PLANLOOM_STREAMS_PER_USER`` (default 5) streams per account are open at once on a
     *     server process; a stream ends after ``seconds`` (at most 55) and the browser reconnects.
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
        /** @description This account already holds PLANLOOM_STREAMS_PER_USER open streams (per server process); Retry-After says when to try again */
        429: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        /** @description This server process holds PLANLOOM_STREAMS_MAX open streams */
        503: {
          headers: {
            [name: string]: unknown
          }
          content?: never
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
        422: components['responses']['UNPROCESSABLE_ENTITY']
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
        /** @description Created */
        201: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['QuickAddResult']
          }
        }
        422: components['responses']['UNPROCESSABLE_ENTITY']
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
        422: components['responses']['UNPROCESSABLE_ENTITY']
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
        /** @description Only admins may start fine-tuning jobs on this server */
        403: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        /** @description No language-model server configured, a job already running, or the monthly quota used up */
        409: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
        /** @description A base model outside the allow-list, or fewer than 10 corrected readings */
        422: {
          headers: {
            [name: string]: unknown
          }
          content?: never
        }
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
    /** Busy time overlapping [from, to) (default: the next 8 weeks) */
    get: {
      parameters: {
        query?: {
          from?: string
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
        422: components['responses']['UNPROCESSABLE_ENTITY']
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    put?: never
    /** Block out time (honours Idempotency-Key); the plan moves around it at once */
    post: {
      parameters: {
        query?: never
        header?: never
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
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Busy']
          }
        }
        422: components['responses']['UNPROCESSABLE_ENTITY']
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
    get?: never
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
        default: components['responses']['DEFAULT_ERROR']
      }
    }
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
}
export type webhooks = Record<string, never>
export interface components {
  schemas: {
    Error: {
      /** @description Error code */
      code?: number
      /** @description Error name */
      status?: string
      /** @description Error message */
      message?: string
      /** @description Errors */
      errors?: {
        [key: string]: unknown
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
      timezone?: string
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
      timezone?: string
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
        [key: string]: string[]
      }
      quiet_hours?: string[] | null
      digest_time?: string | null
      webhook_url?: string | null
    }
    Preferences: {
      timezone?: string
      working_hours?: components['schemas']['WorkingHours']
      default_duration_minutes?: number
      buffer_minutes?: number
      daily_cap_minutes?: number | null
      /** @enum {string} */
      date_order?: 'MDY' | 'DMY'
      reminder_lead_minutes?: number
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
      /** Format: date-time */
      due?: string | null
      /** Format: date-time */
      earliest_start?: string | null
      priority?: number
      readonly status?: unknown
      /** Format: uuid */
      category_id?: string | null
      readonly tags?: unknown
      splittable?: boolean
      min_chunk_minutes?: number
      readonly depends_on?: unknown
      recurrence?: string | null
      /** Format: date-time */
      readonly completed_at?: string
      readonly actual_minutes?: number | null
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
      /** Format: date-time */
      due?: string | null
      /** Format: date-time */
      earliest_start?: string | null
      priority?: number
      /** @enum {string} */
      status?: 'todo' | 'scheduled' | 'done' | 'cancelled'
      /** Format: uuid */
      category_id?: string | null
      tags?: string[]
      splittable?: boolean
      min_chunk_minutes?: number
      depends_on?: string[]
      recurrence?: string | null
      /** Format: date-time */
      readonly completed_at?: string
      readonly actual_minutes?: number | null
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
      /** Format: date-time */
      due?: string | null
      /** Format: date-time */
      earliest_start?: string | null
      priority?: number
      /** @enum {string} */
      status?: 'todo' | 'scheduled' | 'done' | 'cancelled'
      /** Format: uuid */
      category_id?: string | null
      tags?: string[]
      splittable?: boolean
      min_chunk_minutes?: number
      depends_on?: string[]
      recurrence?: string | null
      /** Format: date-time */
      readonly completed_at?: string
      readonly actual_minutes?: number | null
      /** Format: date-time */
      readonly created_at?: string
      /** Format: date-time */
      readonly updated_at?: string
      readonly version?: number
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
      /** Format: date-time */
      start: string
      /** Format: date-time */
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
      /** Format: date-time */
      start: string
      /** Format: date-time */
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
      text: string
      /** Format: date-time */
      now?: string
      timezone?: string
    }
    ParseResult: {
      engine?: string
      tasks?: {
        [key: string]: unknown
      }[]
      command?: {
        [key: string]: unknown
      } | null
      warnings?: string[]
    }
    TextArgs: {
      text: string
    }
    QuickAddResult: {
      engine?: string
      tasks?: components['schemas']['TaskDump'][]
      warnings?: string[]
    }
    CommandResult: {
      command?: string
      status?: string
      message?: string
      warnings?: string[]
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
      /** Format: date-time */
      start: string
      /** Format: date-time */
      end: string
      /** @default  */
      title?: string
      readonly source?: string
    }
  }
  responses: {
    /** @description Unprocessable Entity */
    UNPROCESSABLE_ENTITY: {
      headers: {
        [name: string]: unknown
      }
      content: {
        'application/json': components['schemas']['Error']
      }
    }
    /** @description Default error response */
    DEFAULT_ERROR: {
      headers: {
        [name: string]: unknown
      }
      content: {
        'application/json': components['schemas']['Error']
      }
    }
  }
  parameters: never
  requestBodies: never
  headers: {
    /** @description Pagination metadata */
    PAGINATION: components['schemas']['PaginationMetadata']
  }
  pathItems: never
}
export type $defs = Record<string, never>
export type operations = Record<string, never>
